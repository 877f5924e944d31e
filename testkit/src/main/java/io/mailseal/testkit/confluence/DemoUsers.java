package io.mailseal.testkit.confluence;

import com.atlassian.sal.api.user.UserKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The test host's tiny user directory: admin (system administrator), alice, bob and carol, each with the address
 * {@code <name>@example.com} and the password equal to the user name. Backs the user manager, user accessor and
 * Crowd service.
 *
 * <p>Immutable, so thread-safe.
 */
public final class DemoUsers {

    /** The group of administrators. */
    public static final String ADMINISTRATORS = "confluence-administrators";
    /** The group every demo user belongs to. */
    public static final String USERS = "confluence-users";
    /** The id of the one directory the users live in. */
    public static final long DIRECTORY_ID = 1L;

    private final Map<String, DemoUser> byName;
    private final Map<UserKey, DemoUser> byKey;

    private DemoUsers(List<DemoUser> users) {
        Map<String, DemoUser> names = new LinkedHashMap<>();
        Map<UserKey, DemoUser> keys = new LinkedHashMap<>();
        for (DemoUser user : users) {
            names.put(user.username(), user);
            keys.put(user.key(), user);
        }
        this.byName = Map.copyOf(names);
        this.byKey = Map.copyOf(keys);
    }

    /**
     * Every user, ordered by name.
     *
     * @return the users
     */
    public List<DemoUser> all() {
        return byName.values().stream().sorted(java.util.Comparator.comparing(DemoUser::username)).toList();
    }

    /**
     * The standard demo directory.
     *
     * @return admin, alice, bob and carol
     */
    public static DemoUsers standard() {
        return new DemoUsers(List.of(
                user(1, "admin", "Administrator", true),
                user(2, "alice", "Alice Adams", false),
                user(3, "bob", "Bob Baker", false),
                user(4, "carol", "Carol Clark", false)));
    }

    private static DemoUser user(int number, String name, String fullName, boolean systemAdmin) {
        UserKey key = new UserKey(String.format(Locale.ROOT, "ff8080818c00000000000000000%05d", number));
        Set<String> groups = systemAdmin ? Set.of(ADMINISTRATORS, USERS) : Set.of(USERS);
        return new DemoUser(name, key, fullName, name + "@example.com", systemAdmin, groups);
    }

    /**
     * A user by name, ignoring case as Confluence does.
     *
     * @param username the name; may be null
     * @return the user, or null
     */
    public DemoUser byName(String username) {
        return username == null ? null : byName.get(username.toLowerCase(Locale.ROOT));
    }

    /**
     * A user by key.
     *
     * @param key the key; may be null
     * @return the user, or null
     */
    public DemoUser byKey(UserKey key) {
        return key == null ? null : byKey.get(key);
    }

    /**
     * The names of all groups, sorted.
     *
     * @return the group names
     */
    public Set<String> groupNames() {
        Set<String> groups = new TreeSet<>();
        byName.values().forEach(user -> groups.addAll(user.groups()));
        return groups;
    }

    /**
     * Checks a password: it equals the user name.
     *
     * @param username the name
     * @param password the password
     * @return true for a known user with the right password
     */
    public boolean authenticate(String username, String password) {
        DemoUser user = byName(username);
        return user != null && user.username().equals(password);
    }
}
