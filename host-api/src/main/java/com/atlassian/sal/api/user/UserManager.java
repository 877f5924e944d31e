package com.atlassian.sal.api.user;

import java.security.Principal;
import javax.servlet.http.HttpServletRequest;

/**
 * Looks up users and their permissions (current user, admin, system admin, group membership, licence).
 *
 * <p>Signature: sal-api 5.1.4, DF {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/user/UserManager.java},
 * per confluence-platform.md B.3.
 * Omitted (deprecated since SAL 2.10): the String-based {@code getRemoteUsername()},
 * {@code getRemoteUsername(HttpServletRequest)}, {@code isUserInGroup(String, String)},
 * {@code isSystemAdmin(String)} and {@code isAdmin(String)}. The host annotates most parameters and results with
 * {@code @Nullable}; that annotation is not available here.
 */
public interface UserManager {

    /**
     * The user of the current request or thread.
     *
     * @return the profile, or null if anonymous
     */
    UserProfile getRemoteUser();

    /**
     * The key of the user of the current request or thread.
     *
     * @return the key, or null if anonymous
     */
    UserKey getRemoteUserKey();

    /**
     * The user of a request.
     *
     * @param request the request
     * @return the profile, or null if anonymous
     */
    UserProfile getRemoteUser(HttpServletRequest request);

    /**
     * The key of the user of a request.
     *
     * @param request the request
     * @return the key, or null if anonymous
     */
    UserKey getRemoteUserKey(HttpServletRequest request);

    /**
     * A user's profile by user name.
     *
     * @param username the user name; may be null
     * @return the profile, or null if there is no such user
     */
    UserProfile getUserProfile(String username);

    /**
     * A user's profile by key.
     *
     * @param userKey the key; may be null
     * @return the profile, or null if there is no such user
     */
    UserProfile getUserProfile(UserKey userKey);

    /**
     * Whether a user belongs to a group.
     *
     * @param userKey the user; may be null
     * @param group   the group name; may be null
     * @return true if the user is in the group
     */
    boolean isUserInGroup(UserKey userKey, String group);

    /**
     * Whether a user is a system administrator.
     *
     * @param userKey the user; may be null
     * @return true for a system administrator
     */
    boolean isSystemAdmin(UserKey userKey);

    /**
     * Whether a user is an administrator (or system administrator).
     *
     * @param userKey the user; may be null
     * @return true for an administrator
     */
    boolean isAdmin(UserKey userKey);

    /**
     * Whether a user holds a product licence.
     *
     * @param userKey the user; may be null
     * @return true if licensed
     */
    boolean isLicensed(UserKey userKey);

    /**
     * Whether a user is an existing but unlicensed user admitted by limited unlicensed access.
     *
     * @param userKey the user; may be null
     * @return true if limited unlicensed access is on and the user exists but holds no licence
     */
    default boolean isLimitedUnlicensedUser(UserKey userKey) {
        if (!isLimitedUnlicensedAccessEnabled()) {
            return false;
        }
        return getUserProfile(userKey) != null && !isLicensed(userKey);
    }

    /**
     * Checks a user name and password.
     *
     * @param username the user name
     * @param password the password
     * @return true if they match
     */
    boolean authenticate(String username, String password);

    /**
     * Resolves a user name to a principal.
     *
     * @param username the user name
     * @return the principal, or null if there is no such user
     * @throws UserResolutionException if the name cannot be resolved
     */
    Principal resolve(String username) throws UserResolutionException;

    /**
     * Group names starting with a prefix.
     *
     * @param prefix     the prefix
     * @param startIndex the index of the first result
     * @param maxResults the most results to return
     * @return the group names
     */
    Iterable<String> findGroupNamesByPrefix(String prefix, int startIndex, int maxResults);

    /**
     * Whether the site admits anonymous users.
     *
     * @return true if anonymous access is enabled
     */
    boolean isAnonymousAccessEnabled();

    /**
     * Whether the site admits logged-in users without a licence (limited unlicensed access).
     *
     * @return true if limited unlicensed access is enabled
     */
    boolean isLimitedUnlicensedAccessEnabled();
}
