package io.mailseal.it.osgi;

import io.mailseal.testkit.osgi.ConfluenceContainer;
import io.mailseal.testkit.osgi.FelixHost;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.osgi.framework.BundleException;

/**
 * Starts the {@link ConfluenceContainer} (the same Confluence-like Felix host the sandbox runs on) for the OSGi test.
 *
 * <p>The container bundles and the plugin jar are copied by Maven into the directories named by the system
 * properties {@code mailseal.osgi.bundles} and {@code mailseal.osgi.plugin}.
 */
final class ConfluenceLikeHost {

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
        return ConfluenceContainer.builder(storage, directory("mailseal.osgi.bundles"), dependencyWait).start();
    }

    /**
     * The plugin jar Maven built.
     *
     * @return its path
     */
    static Path pluginJar() throws IOException {
        List<Path> jars = ConfluenceContainer.jarsIn(directory("mailseal.osgi.plugin"));
        if (jars.size() != 1) {
            throw new IllegalStateException("expected exactly one plugin jar, found " + jars);
        }
        return jars.get(0);
    }

    private static Path directory(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; run through Maven (mvn verify)");
        }
        return Paths.get(value);
    }
}
