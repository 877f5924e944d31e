package io.mailseal.it.host;

import io.mailseal.testkit.confluence.CrowdUserView;
import io.mailseal.testkit.confluence.DemoUser;
import io.mailseal.testkit.confluence.DemoUsers;
import com.atlassian.crowd.embedded.api.CrowdService;
import com.atlassian.crowd.embedded.api.User;
import java.util.Objects;

/**
 * Crowd service over the {@link DemoUsers}, all in the one internal directory.
 *
 * <p>Thread-safe: the directory is immutable.
 */
public final class InMemoryCrowdService implements CrowdService {

    private final DemoUsers users;

    /**
     * Creates the service.
     *
     * @param users the directory
     */
    public InMemoryCrowdService(DemoUsers users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public User getUser(String name) {
        DemoUser user = users.byName(name);
        return user == null ? null : new CrowdUserView(DemoUsers.DIRECTORY_ID, user.username(), user.fullName(), user.email());
    }
}
