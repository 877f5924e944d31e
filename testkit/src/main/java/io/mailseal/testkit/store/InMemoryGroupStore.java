package io.mailseal.testkit.store;

import io.mailseal.rules.Endpoint;
import io.mailseal.rules.GroupMember;
import io.mailseal.rules.Groups;
import io.mailseal.store.GroupStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Live groups in memory, for tests and the command line.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class InMemoryGroupStore implements GroupStore {

    private record Group(String name, List<GroupMember> members) {
    }

    /** Lower-cased name to the group, in the order groups were first set. */
    private final Map<String, Group> groups = new LinkedHashMap<>();

    @Override
    public synchronized Groups groups() {
        Groups.Builder builder = Groups.builder();
        groups.values().forEach(group -> group.members().forEach(member -> builder.add(group.name(), member)));
        return builder.build();
    }

    @Override
    public synchronized void replace(String name, List<GroupMember> members) {
        String key = new Endpoint.Group(name).name().toLowerCase(Locale.ROOT);
        List<GroupMember> copy = List.copyOf(Objects.requireNonNull(members, "members"));
        if (copy.isEmpty()) {
            groups.remove(key);
        } else {
            groups.put(key, new Group(name, copy));
        }
    }

    @Override
    public String toString() {
        return "InMemoryGroupStore";
    }
}
