package io.mailseal.testkit.confluence;

import com.atlassian.sal.api.auth.LoginUriProvider;
import com.atlassian.sal.api.page.PageCapability;
import com.atlassian.sal.api.user.UserRole;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Objects;

/**
 * SAL login URI provider: {@code <base URL>/login.action?os_destination=<URL-encoded return URI>}, whatever the role
 * or page capabilities asked for.
 *
 * <p>Thread-safe: immutable.
 */
public final class InMemoryLoginUriProvider implements LoginUriProvider {

    private final String baseUrl;

    /**
     * Creates the provider.
     *
     * @param baseUrl the host's base URL, without trailing slash
     */
    public InMemoryLoginUriProvider(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    @Override
    public URI getLoginUri(URI returnUri) {
        return URI.create(baseUrl + "/login.action?os_destination="
                + URLEncoder.encode(returnUri.toString(), StandardCharsets.UTF_8));
    }

    @Override
    public URI getLoginUri(URI returnUri, EnumSet<PageCapability> pageCapabilities) {
        return getLoginUri(returnUri);
    }

    @Override
    public URI getLoginUriForRole(URI returnUri, UserRole role) {
        return getLoginUri(returnUri);
    }

    @Override
    public URI getLoginUriForRole(URI returnUri, UserRole role, EnumSet<PageCapability> pageCapabilities) {
        return getLoginUri(returnUri);
    }
}
