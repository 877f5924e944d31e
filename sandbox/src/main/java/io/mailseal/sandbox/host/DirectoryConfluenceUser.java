package io.mailseal.sandbox.host;

import com.atlassian.confluence.user.ConfluenceUser;
import com.atlassian.sal.api.user.UserKey;

/**
 * The Confluence view of a directory user.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param user the user
 */
public record DirectoryConfluenceUser(DirectoryUser user) implements ConfluenceUser {

    @Override
    public UserKey getKey() {
        return user.key();
    }

    @Override
    public String getLowerName() {
        return user.username();
    }

    @Override
    public String getName() {
        return user.username();
    }

    @Override
    public String getFullName() {
        return user.fullName();
    }

    @Override
    public String getEmail() {
        return user.email();
    }
}
