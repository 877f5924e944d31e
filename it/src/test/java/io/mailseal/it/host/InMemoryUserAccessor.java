package io.mailseal.it.host;

import io.mailseal.testkit.confluence.DemoConfluenceUser;
import io.mailseal.testkit.confluence.DemoUser;
import io.mailseal.testkit.confluence.DemoUsers;
import com.atlassian.confluence.user.ConfluenceUser;
import com.atlassian.confluence.user.UserAccessor;
import com.atlassian.sal.api.user.UserKey;
import java.util.Objects;

/**
 * Confluence user accessor over the {@link DemoUsers}.
 *
 * <p>Thread-safe: the directory is immutable.
 */
public final class InMemoryUserAccessor implements UserAccessor {

    private final DemoUsers users;

    /**
     * Creates the accessor.
     *
     * @param users the directory
     */
    public InMemoryUserAccessor(DemoUsers users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public ConfluenceUser getUserByName(String name) {
        return wrap(users.byName(name));
    }

    @Override
    public ConfluenceUser getUserByKey(UserKey key) {
        return wrap(users.byKey(key));
    }

    @Override
    public ConfluenceUser getExistingUserByKey(UserKey key) {
        return getUserByKey(key);
    }

    @Override
    public java.util.List<String> getUserNamesWithConfluenceAccess() {
        return users.all().stream().map(DemoUser::username).toList();
    }

    private static ConfluenceUser wrap(DemoUser user) {
        return user == null ? null : new DemoConfluenceUser(user);
    }
}
