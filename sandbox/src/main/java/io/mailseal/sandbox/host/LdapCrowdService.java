package io.mailseal.sandbox.host;

import com.atlassian.crowd.embedded.api.CrowdService;
import com.atlassian.crowd.embedded.api.User;
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
        return directory.byName(name).map(CrowdUser::new).orElse(null);
    }

    /**
     * The Crowd view of a directory user; ordered by name, ignoring case.
     *
     * @param user the user
     */
    private record CrowdUser(DirectoryUser user) implements User {

        @Override
        public long getDirectoryId() {
            return LdapCrowdDirectoryService.DIRECTORY_ID;
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
}
