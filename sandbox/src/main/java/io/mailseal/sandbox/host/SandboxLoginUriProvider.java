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
 * role or page capabilities asked for (the sandbox has one login page). A return URI on this server, absolute as a
 * plugin builds it from its request URL, goes in as its path and query, as in Confluence: the login page only ever
 * returns to paths on this server.
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
                + URLEncoder.encode(destination(returnUri), StandardCharsets.UTF_8));
    }

    private String destination(URI returnUri) {
        URI base = URI.create(baseUrl);
        if (returnUri.isAbsolute() && base.getScheme().equalsIgnoreCase(returnUri.getScheme())
                && base.getRawAuthority().equalsIgnoreCase(String.valueOf(returnUri.getRawAuthority()))) {
            String path = returnUri.getRawPath() == null || returnUri.getRawPath().isEmpty()
                    ? "/" : returnUri.getRawPath();
            return returnUri.getRawQuery() == null ? path : path + "?" + returnUri.getRawQuery();
        }
        return returnUri.toString();
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
