package io.mailseal.sandbox.host;

import com.atlassian.sal.api.auth.LoginUriProvider;
import com.atlassian.sal.api.page.PageCapability;
import com.atlassian.sal.api.user.UserRole;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Objects;

/**
 * SAL's login URI provider: Confluence's {@code <base URL>/login.action?os_destination=<return URI>}, whatever the
 * role or page capabilities asked for (the sandbox has one login page).
 *
 * <p>Thread-safe: immutable.
 */
public final class SandboxLoginUriProvider implements LoginUriProvider {

    /** The login page, relative to the context path. */
    public static final String LOGIN_PATH = "/login.action";

    private final String baseUrl;

    /**
     * Creates the provider.
     *
     * @param baseUrl the sandbox's base URL, without trailing slash
     */
    public SandboxLoginUriProvider(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    @Override
    public URI getLoginUri(URI returnUri) {
        return URI.create(baseUrl + LOGIN_PATH + "?os_destination="
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
