package io.mailseal.testkit.confluence;

import com.atlassian.sal.api.user.UserKey;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.user.UserProfile;
import java.security.Principal;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.servlet.http.HttpServletRequest;

/**
 * SAL user manager over the {@link DemoUsers}: admin is the only (system) administrator, every demo user is
 * licensed, passwords equal user names. The current user is set with {@link #setRemoteUser(String)} (anonymous by
 * default); a request's user is its {@code getRemoteUser()}.
 *
 * <p>Thread-safe: the directory is immutable and the current user is an atomic reference.
 */
public final class InMemoryUserManager implements UserManager {

    private final DemoUsers users;
    private final String baseUrl;
    private final AtomicReference<String> remoteUser = new AtomicReference<>();

    /**
     * Creates the manager.
     *
     * @param users   the directory
     * @param baseUrl the host's base URL, for profile URIs
     */
    public InMemoryUserManager(DemoUsers users, String baseUrl) {
        this.users = Objects.requireNonNull(users, "users");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /**
     * Sets the user of the current "request" for {@link #getRemoteUser()}.
     *
     * @param username the user name, or null for anonymous
     */
    public void setRemoteUser(String username) {
        remoteUser.set(username);
    }

    @Override
    public UserProfile getRemoteUser() {
        return getUserProfile(remoteUser.get());
    }

    @Override
    public UserKey getRemoteUserKey() {
        return keyOf(getRemoteUser());
    }

    @Override
    public UserProfile getRemoteUser(HttpServletRequest request) {
        return getUserProfile(request.getRemoteUser());
    }

    @Override
    public UserKey getRemoteUserKey(HttpServletRequest request) {
        return keyOf(getRemoteUser(request));
    }

    @Override
    public UserProfile getUserProfile(String username) {
        return profile(users.byName(username));
    }

    @Override
    public UserProfile getUserProfile(UserKey userKey) {
        return profile(users.byKey(userKey));
    }

    @Override
    public boolean isUserInGroup(UserKey userKey, String group) {
        DemoUser user = users.byKey(userKey);
        return user != null && group != null && user.groups().contains(group);
    }

    @Override
    public boolean isSystemAdmin(UserKey userKey) {
        DemoUser user = users.byKey(userKey);
        return user != null && user.systemAdmin();
    }

    @Override
    public boolean isAdmin(UserKey userKey) {
        return isSystemAdmin(userKey) || isUserInGroup(userKey, DemoUsers.ADMINISTRATORS);
    }

    @Override
    public boolean isLicensed(UserKey userKey) {
        return users.byKey(userKey) != null;
    }

    @Override
    public boolean authenticate(String username, String password) {
        return users.authenticate(username, password);
    }

    @Override
    public Principal resolve(String username) {
        DemoUser user = users.byName(username);
        return user == null ? null : new DemoConfluenceUser(user);
    }

    @Override
    public Iterable<String> findGroupNamesByPrefix(String prefix, int startIndex, int maxResults) {
        String start = prefix == null ? "" : prefix;
        return users.groupNames().stream().filter(group -> group.startsWith(start))
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

    private UserProfile profile(DemoUser user) {
        return user == null ? null : new DemoUserProfile(user, baseUrl);
    }

    private static UserKey keyOf(UserProfile profile) {
        return profile == null ? null : profile.getUserKey();
    }
}
