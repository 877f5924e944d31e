package io.mailseal.sandbox.host;

import com.atlassian.sal.api.user.UserKey;
import java.util.Objects;
import java.util.Set;

/**
 * One user of the sandbox's LDAP directory: name, key, display name, e-mail address, groups.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param username the lower-case user name (the entry's {@code uid})
 * @param key      the user key, distinct from the name as in Confluence (the entry's {@code employeeNumber})
 * @param fullName the display name ({@code cn})
 * @param email    the e-mail address ({@code mail})
 * @param groups   the groups the user is a member of
 */
public record DirectoryUser(String username, UserKey key, String fullName, String email, Set<String> groups) {

    /** The group whose members are system administrators. */
    public static final String ADMINISTRATORS = "confluence-administrators";

    /** Checks the components and copies the groups. */
    public DirectoryUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(email, "email");
        groups = Set.copyOf(groups);
    }

    /**
     * Whether the user is a system administrator.
     *
     * @return true for members of {@value #ADMINISTRATORS}
     */
    public boolean systemAdmin() {
        return groups.contains(ADMINISTRATORS);
    }
}
