package io.mailseal.sandbox.host;

import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.UrlMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * SAL's application properties of the sandbox: it says it is Confluence 8.7.2 (the version whose platform it
 * imitates), at its own base URL with the root context path, with its home directories in the data directory
 * ({@code home/} and {@code home/shared-home/}).
 *
 * <p>Immutable, so thread-safe.
 */
public final class SandboxApplicationProperties implements ApplicationProperties {

    private static final Instant BUILD_DATE = Instant.parse("2024-01-01T00:00:00Z");

    private final String baseUrl;
    private final Path localHome;
    private final Path sharedHome;

    /**
     * Creates the properties.
     *
     * @param baseUrl   the absolute base URL without trailing slash, e.g. {@code http://127.0.0.1:8080}
     * @param localHome the local home directory; the shared home is its {@code shared-home} subdirectory
     */
    public SandboxApplicationProperties(String baseUrl, Path localHome) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.localHome = Objects.requireNonNull(localHome, "localHome");
        this.sharedHome = localHome.resolve("shared-home");
    }

    /** Absolute for the absolute modes, the (empty) context path for the relative ones. */
    @Override
    public String getBaseUrl(UrlMode urlMode) {
        return urlMode == UrlMode.RELATIVE || urlMode == UrlMode.RELATIVE_CANONICAL ? "" : baseUrl;
    }

    @Override
    public String getDisplayName() {
        return "Confluence";
    }

    @Override
    public String getPlatformId() {
        return "conf";
    }

    @Override
    public String getVersion() {
        return "8.7.2";
    }

    @Override
    public Date getBuildDate() {
        return Date.from(BUILD_DATE);
    }

    /** A placeholder build number. */
    @Override
    public String getBuildNumber() {
        return "8702";
    }

    @Override
    public Optional<Path> getLocalHomeDirectory() {
        return Optional.of(localHome);
    }

    @Override
    public Optional<Path> getSharedHomeDirectory() {
        return Optional.of(sharedHome);
    }

    @Override
    public String getApplicationFileEncoding() {
        return StandardCharsets.UTF_8.name();
    }
}
