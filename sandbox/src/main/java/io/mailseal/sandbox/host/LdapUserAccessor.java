package io.mailseal.sandbox.host;

import com.atlassian.confluence.user.ConfluenceUser;
import com.atlassian.confluence.user.UserAccessor;
import com.atlassian.sal.api.user.UserKey;
import java.util.Objects;

/**
 * Confluence's user accessor over the LDAP directory.
 *
 * <p>Thread-safe: the directory is.
 */
public final class LdapUserAccessor implements UserAccessor {

    private final LdapDirectory directory;

    /**
     * Creates the accessor.
     *
     * @param directory the users
     */
    public LdapUserAccessor(LdapDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public ConfluenceUser getUserByName(String name) {
        return directory.byName(name).map(DirectoryConfluenceUser::new).orElse(null);
    }

    @Override
    public ConfluenceUser getUserByKey(UserKey key) {
        return directory.byKey(key).map(DirectoryConfluenceUser::new).orElse(null);
    }

    @Override
    public ConfluenceUser getExistingUserByKey(UserKey key) {
        return getUserByKey(key);
    }

    @Override
    public java.util.List<String> getUserNamesWithConfluenceAccess() {
        return directory.all().stream().map(DirectoryUser::username).toList();
    }
}
