package io.mailseal.testkit.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@link FelixHost} set up like Confluence 8.7, shared by the OSGi test and the sandbox: the host's packages (the
 * Atlassian APIs, javax.mail, javax.activation, javax.servlet, javax.inject, Active Objects, SLF4J and the host's own
 * Bouncy Castle) exported by the system bundle from the jars on the class path, and Gemini Blueprint 3.0.0.M01 on
 * Spring 5.3 as the extender, installed from a directory of container bundles that Maven copies.
 *
 * <p>Host classes are named, not referenced, so that this package stays free of {@code com.atlassian} types.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfluenceContainer {

    /** Classes whose jars the host exports, as Confluence's package scanner exports its web application. */
    public static final List<String> HOST_CLASSES = List.of(
            "com.atlassian.bandana.BandanaManager",      // host-api: all com.atlassian packages
            "javax.mail.Session",
            "javax.activation.DataHandler",
            "javax.servlet.Servlet",
            "javax.inject.Inject",
            "net.java.ao.Entity",
            "org.slf4j.Logger",
            "org.bouncycastle.jce.provider.BouncyCastleProvider"); // Confluence exports its own BC (lts8on)

    /**
     * The container bundles in start order: logging, AOP alliance, Spring, then Gemini io, core, extender. Each is
     * found in the bundle directory by this part of its file name.
     */
    public static final List<String> CONTAINER_BUNDLES = List.of("jcl-over-slf4j", "aopalliance", "spring-core",
            "spring-beans", "spring-aop", "spring-expression", "spring-context", "gemini-blueprint-io",
            "gemini-blueprint-core", "gemini-blueprint-extender");

    private ConfluenceContainer() {
    }

    /**
     * Describes a Confluence-like host: the host packages exported from this class loader's class path and the
     * container bundles of a directory.
     *
     * @param storage        a directory for the framework cache (cleaned at start)
     * @param bundles        the directory holding the container bundles ({@link #CONTAINER_BUNDLES})
     * @param dependencyWait how long a plugin's context waits for missing host services
     * @return a builder to start, or to add more exports to first
     * @throws IOException if a host jar or the bundle directory cannot be read
     */
    public static FelixHost.Builder builder(Path storage, Path bundles, Duration dependencyWait) throws IOException {
        FelixHost.Builder builder = FelixHost.builder().storage(storage).dependencyWait(dependencyWait);
        for (String hostClass : HOST_CLASSES) {
            builder.exportFromClassPath(jarOf(hostClass));
        }
        for (Path bundle : containerBundles(bundles)) {
            builder.bundle(bundle);
        }
        return builder;
    }

    /**
     * The container bundles of a directory, in start order.
     *
     * @param directory where Maven copied them
     * @return their paths
     * @throws IOException           if the directory cannot be listed
     * @throws IllegalStateException if one is missing
     */
    public static List<Path> containerBundles(Path directory) throws IOException {
        List<Path> jars = jarsIn(directory);
        List<Path> ordered = new ArrayList<>();
        for (String name : CONTAINER_BUNDLES) {
            ordered.add(jars.stream().filter(jar -> jar.getFileName().toString().contains(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("container bundle " + name + " missing in "
                            + directory)));
        }
        return ordered;
    }

    /**
     * The jar files of a directory, sorted by name.
     *
     * @param directory the directory
     * @return the jars
     * @throws IOException if the directory cannot be listed
     */
    public static List<Path> jarsIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /**
     * The jar (or class directory) a class is loaded from.
     *
     * @param className a class on this class loader's class path
     * @return its location
     * @throws IllegalStateException if the class is not on the class path
     */
    public static Path jarOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, ConfluenceContainer.class.getClassLoader());
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the class path", e);
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
