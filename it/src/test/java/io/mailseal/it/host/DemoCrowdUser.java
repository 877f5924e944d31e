package io.mailseal.it.host;

import io.mailseal.testkit.confluence.DemoUser;
import io.mailseal.testkit.confluence.DemoUsers;
import com.atlassian.crowd.embedded.api.User;

/**
 * The Crowd view of a demo user, in the one internal directory; ordered by name, ignoring case.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param user the user
 */
public record DemoCrowdUser(DemoUser user) implements User {

    @Override
    public long getDirectoryId() {
        return DemoUsers.DIRECTORY_ID;
    }

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    public String getEmailAddress() {
        return user.email();
    }

    @Override
    public String getDisplayName() {
        return user.fullName();
    }

    @Override
    public String getName() {
        return user.username();
    }

    @Override
    public int compareTo(User other) {
        return String.CASE_INSENSITIVE_ORDER.compare(getName(), other.getName());
    }
}
