package io.mailseal.testkit.confluence;

import com.atlassian.crowd.embedded.api.User;
import java.util.Objects;

/**
 * The Crowd view of a host's user: active, in one directory, ordered by name ignoring case (as Crowd orders users).
 * The sandbox's LDAP directory and the OSGi test host's demo users both hand their users to the plugin this way.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param directoryId the id of the user's directory
 * @param name        the user name
 * @param displayName the display name
 * @param email       the e-mail address
 */
public record CrowdUserView(long directoryId, String name, String displayName, String email) implements User {

    /** Checks the components. */
    public CrowdUserView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(email, "email");
    }

    @Override
    public long getDirectoryId() {
        return directoryId;
    }

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    public String getEmailAddress() {
        return email;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int compareTo(User other) {
        return String.CASE_INSENSITIVE_ORDER.compare(getName(), other.getName());
    }
}
