package io.mailseal.testkit.confluence;

import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.UrlMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * SAL's application properties of a Confluence-like host (the sandbox, the OSGi test host): it says it is Confluence
 * 8.7.2 (the version whose platform they imitate), at a given base URL whose path is the context path, with its
 * local home in a given directory and the shared home in its {@code shared-home} subdirectory.
 *
 * <p>Immutable, so thread-safe.
 */
public final class InMemoryApplicationProperties implements ApplicationProperties {

    private static final Instant BUILD_DATE = Instant.parse("2024-01-01T00:00:00Z");

    private final String baseUrl;
    private final String contextPath;
    private final Path localHome;
    private final Path sharedHome;

    /**
     * Creates the properties.
     *
     * @param baseUrl   the absolute base URL without trailing slash, e.g. {@code http://127.0.0.1:8080} or
     *                  {@code http://127.0.0.1:8090/confluence}; its path is the context path
     * @param localHome the local home directory; the shared home is its {@code shared-home} subdirectory
     */
    public InMemoryApplicationProperties(String baseUrl, Path localHome) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.contextPath = Objects.requireNonNullElse(URI.create(baseUrl).getRawPath(), "");
        this.localHome = Objects.requireNonNull(localHome, "localHome");
        this.sharedHome = localHome.resolve("shared-home");
    }

    /**
     * The base URL: absolute for {@code CANONICAL}, {@code ABSOLUTE} and {@code AUTO} (there is no request to be
     * relative to), the context path for {@code RELATIVE} and {@code RELATIVE_CANONICAL}, as SAL defines them.
     */
    @Override
    public String getBaseUrl(UrlMode urlMode) {
        return urlMode == UrlMode.RELATIVE || urlMode == UrlMode.RELATIVE_CANONICAL ? contextPath : baseUrl;
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
