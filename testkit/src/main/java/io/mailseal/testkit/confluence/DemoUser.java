package io.mailseal.testkit.confluence;

import com.atlassian.sal.api.user.UserKey;
import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

/**
 * One user of the test host's demo directory: name, key, full name, e-mail address, groups.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param username    the lower-case user name
 * @param key         the user key (distinct from the name, as in Confluence)
 * @param fullName    the display name
 * @param email       the e-mail address
 * @param systemAdmin whether the user is a system administrator
 * @param groups      the groups the user belongs to
 */
public record DemoUser(String username, UserKey key, String fullName, String email, boolean systemAdmin,
        Set<String> groups) implements Serializable {

    /** Checks the components and copies the groups. */
    public DemoUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(email, "email");
        groups = Set.copyOf(groups);
    }
}
