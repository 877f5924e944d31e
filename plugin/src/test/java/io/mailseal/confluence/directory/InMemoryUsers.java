package io.mailseal.confluence.directory;

import com.atlassian.confluence.user.ConfluenceUser;
import com.atlassian.confluence.user.UserAccessor;
import com.atlassian.crowd.embedded.api.CrowdService;
import com.atlassian.crowd.embedded.api.User;
import com.atlassian.sal.api.user.UserKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Confluence's users in memory, as both {@link UserAccessor} (the names with Confluence access) and
 * {@link CrowdService} (each user with directory, address and active flag). Counts the {@code getUser} calls.
 */
public final class InMemoryUsers {

    private final Map<String, User> users = new LinkedHashMap<>();
    private int lookups;

    /**
     * Adds a user.
     *
     * @param name        the user name
     * @param email       the address
     * @param directoryId the directory
     * @param active      whether active
     * @return this
     */
    public InMemoryUsers add(String name, String email, long directoryId, boolean active) {
        users.put(name, new CrowdUser(name, email, directoryId, active));
        return this;
    }

    /**
     * How often a user was looked up by name.
     *
     * @return the count
     */
    public synchronized int lookups() {
        return lookups;
    }

    /**
     * The user accessor.
     *
     * @return it
     */
    public UserAccessor accessor() {
        return new UserAccessor() {
            @Override
            public ConfluenceUser getUserByName(String name) {
                return null;
            }

            @Override
            public ConfluenceUser getUserByKey(UserKey key) {
                return null;
            }

            @Override
            public ConfluenceUser getExistingUserByKey(UserKey key) {
                return null;
            }

            @Override
            public List<String> getUserNamesWithConfluenceAccess() {
                return new ArrayList<>(users.keySet());
            }
        };
    }

    /**
     * The Crowd service.
     *
     * @return it
     */
    public CrowdService crowd() {
        return name -> {
            synchronized (InMemoryUsers.this) {
                lookups++;
            }
            return users.get(name);
        };
    }

    private record CrowdUser(String name, String email, long directoryId, boolean active) implements User {

        @Override
        public long getDirectoryId() {
            return directoryId;
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public String getEmailAddress() {
            return email;
        }

        @Override
        public String getDisplayName() {
            return name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public int compareTo(User other) {
            return name.compareToIgnoreCase(other.getName());
        }
    }
}
