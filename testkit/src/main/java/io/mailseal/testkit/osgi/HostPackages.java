package io.mailseal.testkit.osgi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Computes what the system bundle exports for a jar on the host's class path.
 *
 * <p>Stateless and thread-safe.
 */
final class HostPackages {

    private static final Pattern LEADING_VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    private HostPackages() {
    }

    /**
     * The {@code Export-Package} clause for a jar: its own header if it is an OSGi bundle, otherwise every package
     * that holds a class, versioned with the jar's {@code Implementation-Version} (or 0.0.0).
     *
     * @param jar the jar
     * @return an Export-Package clause; never empty for a jar with classes
     * @throws IOException if the jar cannot be read
     */
    static String exportsOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            String header = main.getValue("Export-Package");
            if (header != null && !header.isBlank()) {
                return header;
            }
            String version = osgiVersion(main.getValue(Attributes.Name.IMPLEMENTATION_VERSION));
            TreeSet<String> packages = new TreeSet<>();
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                int slash = name.lastIndexOf('/');
                if (name.endsWith(".class") && slash > 0 && !name.startsWith("META-INF/")) {
                    packages.add(name.substring(0, slash).replace('/', '.'));
                }
            }
            if (packages.isEmpty()) {
                throw new IOException(jar + " holds no classes to export");
            }
            return packages.stream().map(p -> p + ";version=" + version).collect(Collectors.joining(","));
        }
    }

    /** The leading numeric part of a version string as an OSGi version: "3.2.11" stays, "1" becomes "1.0.0". */
    static String osgiVersion(String implementationVersion) {
        Matcher numbers = LEADING_VERSION.matcher(implementationVersion == null ? "" : implementationVersion);
        if (!numbers.lookingAt()) {
            return "0.0.0";
        }
        return numbers.group(1) + "." + orZero(numbers.group(2)) + "." + orZero(numbers.group(3));
    }

    private static String orZero(String group) {
        return group == null ? "0" : group;
    }
}
