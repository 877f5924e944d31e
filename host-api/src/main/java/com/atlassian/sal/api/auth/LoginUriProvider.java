package com.atlassian.sal.api.auth;

import com.atlassian.sal.api.page.PageCapability;
import com.atlassian.sal.api.user.UserRole;
import java.net.URI;
import java.util.EnumSet;

/**
 * Builds the URI of the host's login page, which returns to a given URI after logging in.
 *
 * <p>Signature: sal-api 5.1.4, DF {@code
 * com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/auth/LoginUriProvider.java}, per confluence-platform.md B.3.
 */
public interface LoginUriProvider {

    /**
     * The login URI.
     *
     * @param returnUri where to go after logging in
     * @return the login URI
     */
    URI getLoginUri(URI returnUri);

    /**
     * The login URI for a page with given capabilities.
     *
     * @param returnUri        where to go after logging in
     * @param pageCapabilities what the login page must support
     * @return the login URI
     */
    URI getLoginUri(URI returnUri, EnumSet<PageCapability> pageCapabilities);

    /**
     * The login URI that establishes a role (e.g. asks an admin to confirm).
     *
     * @param returnUri where to go after logging in
     * @param role      the role to establish
     * @return the login URI
     */
    URI getLoginUriForRole(URI returnUri, UserRole role);

    /**
     * The login URI that establishes a role, for a page with given capabilities.
     *
     * @param returnUri        where to go after logging in
     * @param role             the role to establish
     * @param pageCapabilities what the login page must support
     * @return the login URI
     */
    URI getLoginUriForRole(URI returnUri, UserRole role, EnumSet<PageCapability> pageCapabilities);
}
