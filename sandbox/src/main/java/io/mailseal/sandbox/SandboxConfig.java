package io.mailseal.sandbox;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to start a sandbox.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param bindAddress   the address the web server listens on (127.0.0.1 unless asked otherwise)
 * @param port          the web server's port; 0 picks a free one
 * @param dataDir       where state lives across restarts (database, mailbox, home directory, key files, the USE
 *                      sync's SFTP share and its host key)
 * @param distribution  the directory with {@code bundles/} (the OSGi container) and {@code plugin/} (the plugin jar),
 *                      next to the sandbox jar
 * @param extraPlugins  more plugin jars to start after Mailseal (tests start a fixture plugin this way)
 * @param pluginTimeout how long a plugin's Spring context may take to come up
 */
public record SandboxConfig(String bindAddress, int port, Path dataDir, Path distribution, List<Path> extraPlugins,
                            Duration pluginTimeout) {

    /** The default port, as the README says. */
    public static final int DEFAULT_PORT = 8080;

    /** Checks and copies the components. */
    public SandboxConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(distribution, "distribution");
        extraPlugins = List.copyOf(extraPlugins);
        Objects.requireNonNull(pluginTimeout, "pluginTimeout");
    }

    /**
     * The defaults: 127.0.0.1:8080, {@code ./sandbox-data}, the distribution next to the running code, 90 seconds
     * for the plugin.
     *
     * @return the defaults
     */
    public static SandboxConfig defaults() {
        return new SandboxConfig("127.0.0.1", DEFAULT_PORT, Paths.get("sandbox-data"), distributionOfRunningCode(),
                List.of(), Duration.ofSeconds(90));
    }

    /**
     * The same with another port.
     *
     * @param newPort the port
     * @return a new config
     */
    public SandboxConfig withPort(int newPort) {
        return new SandboxConfig(bindAddress, newPort, dataDir, distribution, extraPlugins, pluginTimeout);
    }

    /**
     * The same with another data directory.
     *
     * @param newDataDir the directory
     * @return a new config
     */
    public SandboxConfig withDataDir(Path newDataDir) {
        return new SandboxConfig(bindAddress, port, newDataDir, distribution, extraPlugins, pluginTimeout);
    }

    /**
     * The same with another bind address.
     *
     * @param newBindAddress the address
     * @return a new config
     */
    public SandboxConfig withBindAddress(String newBindAddress) {
        return new SandboxConfig(newBindAddress, port, dataDir, distribution, extraPlugins, pluginTimeout);
    }

    /**
     * The same with another distribution directory.
     *
     * @param newDistribution the directory
     * @return a new config
     */
    public SandboxConfig withDistribution(Path newDistribution) {
        return new SandboxConfig(bindAddress, port, dataDir, newDistribution, extraPlugins, pluginTimeout);
    }

    /**
     * The same with more plugin jars.
     *
     * @param jars the jars
     * @return a new config
     */
    public SandboxConfig withExtraPlugins(List<Path> jars) {
        return new SandboxConfig(bindAddress, port, dataDir, distribution, jars, pluginTimeout);
    }

    /**
     * The directory that holds the running sandbox's jar (or, run from classes, {@code target/}): there Maven puts
     * {@code bundles/} and {@code plugin/}. The system property {@code mailseal.sandbox.dist} overrides it.
     *
     * @return the directory
     */
    public static Path distributionOfRunningCode() {
        String override = System.getProperty("mailseal.sandbox.dist");
        if (override != null && !override.isBlank()) {
            return Paths.get(override);
        }
        try {
            Path code = Paths.get(SandboxConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the sandbox runs from", e);
        }
    }
}
