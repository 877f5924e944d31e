package io.mailseal.sandbox.host;

import com.atlassian.crowd.embedded.api.CrowdService;
import com.atlassian.crowd.embedded.api.User;
import io.mailseal.testkit.confluence.CrowdUserView;
import java.util.Objects;

/**
 * Crowd's user service over the LDAP directory: every user lives in {@link LdapCrowdDirectoryService}'s directory.
 *
 * <p>Thread-safe: the directory is.
 */
public final class LdapCrowdService implements CrowdService {

    private final LdapDirectory directory;

    /**
     * Creates the service.
     *
     * @param directory the users
     */
    public LdapCrowdService(LdapDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public User getUser(String name) {
        return directory.byName(name).map(user -> new CrowdUserView(LdapCrowdDirectoryService.DIRECTORY_ID,
                user.username(), user.fullName(), user.email())).orElse(null);
    }
}
