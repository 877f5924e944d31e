package io.mailseal.sandbox.host;

import com.atlassian.sal.api.user.UserKey;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.user.UserProfile;
import java.security.Principal;
import java.util.Objects;
import javax.servlet.http.HttpServletRequest;

/**
 * SAL's user manager over the LDAP directory: members of {@value DirectoryUser#ADMINISTRATORS} are (system)
 * administrators, every user is licensed, a password is checked by an LDAP bind. The remote user is the logged-in user
 * of the request ({@code getRemoteUser()} of the request the web layer authenticated), or of the request the current
 * thread serves.
 *
 * <p>Thread-safe: the directory is; the current request is per thread.
 */
public final class LdapUserManager implements UserManager {

    private final LdapDirectory directory;
    private final CurrentRequest currentRequest;
    private final String baseUrl;

    /**
     * Creates the manager.
     *
     * @param directory      the users
     * @param currentRequest the request of the calling thread
     * @param baseUrl        the sandbox's base URL, for profile URIs
     */
    public LdapUserManager(LdapDirectory directory, CurrentRequest currentRequest, String baseUrl) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.currentRequest = Objects.requireNonNull(currentRequest, "currentRequest");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    @Override
    public UserProfile getRemoteUser() {
        return currentRequest.get().map(this::getRemoteUser).orElse(null);
    }

    @Override
    public UserKey getRemoteUserKey() {
        return keyOf(getRemoteUser());
    }

    @Override
    public UserProfile getRemoteUser(HttpServletRequest request) {
        return request == null ? null : getUserProfile(request.getRemoteUser());
    }

    @Override
    public UserKey getRemoteUserKey(HttpServletRequest request) {
        return keyOf(getRemoteUser(request));
    }

    @Override
    public UserProfile getUserProfile(String username) {
        return directory.byName(username).map(this::profile).orElse(null);
    }

    @Override
    public UserProfile getUserProfile(UserKey userKey) {
        return directory.byKey(userKey).map(this::profile).orElse(null);
    }

    @Override
    public boolean isUserInGroup(UserKey userKey, String group) {
        return group != null && directory.byKey(userKey).map(u -> u.groups().contains(group)).orElse(false);
    }

    @Override
    public boolean isSystemAdmin(UserKey userKey) {
        return directory.byKey(userKey).map(DirectoryUser::systemAdmin).orElse(false);
    }

    @Override
    public boolean isAdmin(UserKey userKey) {
        return isSystemAdmin(userKey);
    }

    @Override
    public boolean isLicensed(UserKey userKey) {
        return directory.byKey(userKey).isPresent();
    }

    @Override
    public boolean authenticate(String username, String password) {
        return directory.authenticate(username, password);
    }

    @Override
    public Principal resolve(String username) {
        return directory.byName(username).map(DirectoryConfluenceUser::new).orElse(null);
    }

    @Override
    public Iterable<String> findGroupNamesByPrefix(String prefix, int startIndex, int maxResults) {
        String start = prefix == null ? "" : prefix;
        return directory.groupNames().stream().filter(group -> group.startsWith(start))
                .skip(Math.max(0, startIndex)).limit(Math.max(0, maxResults)).toList();
    }

    @Override
    public boolean isAnonymousAccessEnabled() {
        return false;
    }

    @Override
    public boolean isLimitedUnlicensedAccessEnabled() {
        return false;
    }

    private UserProfile profile(DirectoryUser user) {
        return new DirectoryUserProfile(user, baseUrl);
    }

    private static UserKey keyOf(UserProfile profile) {
        return profile == null ? null : profile.getUserKey();
    }
}
