package io.mailseal.it.osgi;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;

/**
 * Reads and alters plugin jars for the OSGi tests.
 *
 * <p>Stateless.
 */
final class PluginJars {

    private static final Pattern REFERENCE = Pattern.compile(
            "<osgi:reference\\s+id=\"([^\"]+)\"\\s+interface=\"([^\"]+)\"");

    private PluginJars() {
    }

    /**
     * The host services the plugin's Spring context imports: bean id to interface name, from
     * {@code META-INF/spring/*.xml}.
     */
    static Map<String, String> springReferences(Path pluginJar) throws IOException {
        Map<String, String> references = new TreeMap<>();
        try (JarFile file = new JarFile(pluginJar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith("META-INF/spring/") && entry.getName().endsWith(".xml")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        Matcher m = REFERENCE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        while (m.find()) {
                            references.put(m.group(1), m.group(2));
                        }
                    }
                }
            }
        }
        return references;
    }

    /**
     * Copies a plugin jar with its {@code Import-Package} header changed, to prove that the OSGi test notices a
     * wrong manifest.
     */
    static Path withImportPackage(Path pluginJar, Path copy, UnaryOperator<String> change) throws IOException {
        try (JarFile source = new JarFile(pluginJar.toFile())) {
            Manifest manifest = new Manifest(source.getManifest());
            String imports = manifest.getMainAttributes().getValue("Import-Package");
            manifest.getMainAttributes().putValue("Import-Package", change.apply(imports));
            try (OutputStream file = Files.newOutputStream(copy); JarOutputStream out = new JarOutputStream(file, manifest)) {
                Enumeration<JarEntry> entries = source.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return copy;
    }

    /**
     * Every class that code inside the plugin jar (its own classes and its embedded libraries) refers to and that the
     * plugin's bundle class loader cannot load, grouped by package. An entry here means a missing
     * {@code Import-Package} or a missing embedded library: the code would fail with {@code NoClassDefFoundError}
     * inside Confluence once it reaches that line. Packages the manifest imports with {@code resolution:=optional}
     * are left out: the plugin declares that it works without them.
     *
     * @param bundle    the installed, resolved plugin bundle
     * @param pluginJar the jar it was installed from
     * @param workDir   a directory to unpack embedded libraries into
     * @return unloadable class names by package; empty when every reference resolves
     */
    static Map<String, Set<String>> unloadableReferences(Bundle bundle, Path pluginJar, Path workDir)
            throws IOException {
        List<JarFile> jars = new ArrayList<>();
        jars.add(new JarFile(pluginJar.toFile()));
        try (JarFile file = new JarFile(pluginJar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".jar")) {
                    Path nested = workDir.resolve(Path.of(entry.getName()).getFileName());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, nested);
                    }
                    jars.add(new JarFile(nested.toFile()));
                }
            }
        }
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolveFromClassPath = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        JavaClasses classes;
        try {
            classes = new ClassFileImporter()
                    .withImportOption(location -> !location.contains("/META-INF/versions/"))
                    .importJars(jars);
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolveFromClassPath);
            for (JarFile jar : jars) {
                jar.close();
            }
        }
        if (classes.size() < 1000) {
            throw new IllegalStateException("only " + classes.size() + " classes imported from " + pluginJar
                    + "; the embedded libraries were not read");
        }
        Set<String> referenced = new LinkedHashSet<>();
        for (JavaClass type : classes) {
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                if (!target.isPrimitive() && !target.getName().startsWith("java.")) {
                    referenced.add(target.getName());
                }
            }
        }
        Set<String> optional = new TreeSet<>();
        for (String clause : OsgiHeader.clauses(bundle.getHeaders().get("Import-Package"))) {
            if (clause.contains("resolution:=optional")) {
                optional.add(OsgiHeader.name(clause));
            }
        }
        Map<String, Set<String>> unloadable = new TreeMap<>();
        for (String name : referenced) {
            if (inOptionalPackage(name, optional)) {
                continue;
            }
            try {
                bundle.loadClass(name);
            } catch (ClassNotFoundException e) {
                unloadable.computeIfAbsent(packageOf(name), p -> new TreeSet<>()).add(name);
            } catch (NoClassDefFoundError e) {
                // an embedded class that extends or implements a type of an optional import (commons-logging's
                // Log4j adapter, say) cannot load without it; its library only uses it when that package is there
                String missing = e.getMessage() == null ? "" : e.getMessage().replace('/', '.');
                if (!inOptionalPackage(missing, optional)) {
                    unloadable.computeIfAbsent(packageOf(name), p -> new TreeSet<>()).add(name);
                }
            }
        }
        return unloadable;
    }

    private static boolean inOptionalPackage(String className, Set<String> optional) {
        String pkg = packageOf(className);
        return optional.contains(pkg) || optional.stream().anyMatch(p -> p.endsWith(".*")
                && pkg.startsWith(p.substring(0, p.length() - 1)));
    }

    private static String packageOf(String className) {
        int lastDot = className.lastIndexOf('.');
        return lastDot < 0 ? "" : className.substring(0, lastDot);
    }
}
