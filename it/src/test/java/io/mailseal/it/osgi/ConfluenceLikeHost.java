package io.mailseal.it.osgi;

import io.mailseal.testkit.osgi.FelixHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.osgi.framework.BundleException;

/**
 * Builds a {@link FelixHost} set up like Confluence 8.7: the host's packages (the Atlassian APIs, javax.mail,
 * javax.servlet, javax.inject, Active Objects, SLF4J and the host's own Bouncy Castle) exported by the system bundle,
 * and Gemini Blueprint 3.0.0.M01 on Spring 5.3 as the extender.
 *
 * <p>The container bundles and the plugin jar are copied by Maven into the directories named by the system
 * properties {@code mailseal.osgi.bundles} and {@code mailseal.osgi.plugin}.
 */
final class ConfluenceLikeHost {

    /** Classes whose jars the host exports, as Confluence's package scanner exports its web application. */
    private static final List<String> HOST_CLASSES = List.of(
            "com.atlassian.bandana.BandanaManager",      // host-api: all com.atlassian packages
            "javax.mail.Session",
            "javax.activation.DataHandler",
            "javax.servlet.Servlet",
            "javax.inject.Inject",
            "net.java.ao.Entity",
            "org.slf4j.Logger",
            "org.bouncycastle.jce.provider.BouncyCastleProvider"); // Confluence exports its own BC (lts8on)

    private ConfluenceLikeHost() {
    }

    /**
     * Starts a host with the container bundles and host packages, but no host services yet.
     *
     * @param storage        a directory for the framework cache
     * @param dependencyWait how long a plugin's context waits for missing host services
     * @return the running host
     */
    static FelixHost start(Path storage, Duration dependencyWait) throws IOException, BundleException {
        FelixHost.Builder builder = FelixHost.builder().storage(storage).dependencyWait(dependencyWait);
        for (String hostClass : HOST_CLASSES) {
            builder.exportFromClassPath(jarOf(hostClass));
        }
        for (Path bundle : containerBundles()) {
            builder.bundle(bundle);
        }
        return builder.start();
    }

    /**
     * The plugin jar Maven built.
     *
     * @return its path
     */
    static Path pluginJar() throws IOException {
        List<Path> jars = jarsIn(directory("mailseal.osgi.plugin"));
        if (jars.size() != 1) {
            throw new IllegalStateException("expected exactly one plugin jar, found " + jars);
        }
        return jars.get(0);
    }

    /** The container bundles in start order: logging, AOP alliance, Spring, then Gemini io, core, extender. */
    private static List<Path> containerBundles() throws IOException {
        List<String> order = List.of("jcl-over-slf4j", "aopalliance", "spring-core", "spring-beans", "spring-aop",
                "spring-expression", "spring-context", "gemini-blueprint-io", "gemini-blueprint-core",
                "gemini-blueprint-extender");
        List<Path> jars = jarsIn(directory("mailseal.osgi.bundles"));
        return order.stream().map(name -> jars.stream()
                        .filter(jar -> jar.getFileName().toString().contains(name)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("container bundle " + name + " missing in " + jars)))
                .toList();
    }

    private static Path directory(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; run through Maven (mvn verify)");
        }
        return Paths.get(value);
    }

    private static List<Path> jarsIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static Path jarOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, ConfluenceLikeHost.class.getClassLoader());
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the test class path", e);
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
