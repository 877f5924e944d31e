package io.mailseal.it.host;

import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.UrlMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * Application properties of the test host: Confluence 8.7.2 at {@value #BASE_URL}, with its home directories under
 * a given path (shared home in its {@code shared-home} subdirectory).
 *
 * <p>Immutable, so thread-safe.
 */
public final class InMemoryApplicationProperties implements ApplicationProperties {

    /** The absolute base URL, without trailing slash. */
    public static final String BASE_URL = "http://127.0.0.1:8090/confluence";
    /** The context path, the base URL of the relative URL modes. */
    public static final String CONTEXT_PATH = "/confluence";
    /** A fixed build date (a placeholder, not Confluence 8.7.2's real one). */
    private static final Instant BUILD_DATE = Instant.parse("2024-01-01T00:00:00Z");

    private final Path localHome;
    private final Path sharedHome;

    /**
     * Creates the properties.
     *
     * @param home the local home directory; the shared home is its {@code shared-home} subdirectory
     */
    public InMemoryApplicationProperties(Path home) {
        this.localHome = Objects.requireNonNull(home, "home");
        this.sharedHome = home.resolve("shared-home");
    }

    /**
     * The base URL: absolute for {@code CANONICAL}, {@code ABSOLUTE} and {@code AUTO} (there is no request to be
     * relative to), the context path for {@code RELATIVE} and {@code RELATIVE_CANONICAL}, as SAL defines them.
     */
    @Override
    public String getBaseUrl(UrlMode urlMode) {
        return urlMode == UrlMode.RELATIVE || urlMode == UrlMode.RELATIVE_CANONICAL ? CONTEXT_PATH : BASE_URL;
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

    /** A placeholder build number, not Confluence 8.7.2's real one. */
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
