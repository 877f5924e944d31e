package io.mailseal.rules;

import io.mailseal.keys.EmailAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * USE groups: each a name and its members (addresses and domains), as a {@code .useimport} file states them in full.
 * Rules name groups ({@code group:NAME}); {@link #groupsOf(EmailAddress)} says which groups an address is in, for
 * {@link RuleSet#firstMatch}.
 *
 * <p>Group names are compared ignoring case and shown as first written. Immutable and thread-safe.
 */
public final class Groups {

    private static final Groups EMPTY = new Builder().build();

    /** Lower-cased name to the group. */
    private final Map<String, Group> groups;
    /** Canonical address to the names of the groups that list it. */
    private final Map<String, Set<String>> byAddress;
    /** Domain to the names of the groups that list it. */
    private final Map<String, Set<String>> byDomain;

    private record Group(String name, List<GroupMember> members) {
    }

    private Groups(Map<String, Group> groups, Map<String, Set<String>> byAddress, Map<String, Set<String>> byDomain) {
        this.groups = groups;
        this.byAddress = byAddress;
        this.byDomain = byDomain;
    }

    /**
     * No groups.
     *
     * @return the empty instance
     */
    public static Groups empty() {
        return EMPTY;
    }

    /**
     * A builder.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The groups an address is in: those that list it, or list its domain.
     *
     * @param address the address
     * @return the groups' names, in the order the groups were first added; empty if none
     */
    public Set<String> groupsOf(EmailAddress address) {
        Set<String> direct = byAddress.getOrDefault(address.canonical(), Set.of());
        Set<String> viaDomain = byDomain.getOrDefault(address.domain(), Set.of());
        if (viaDomain.isEmpty()) {
            return direct;
        }
        if (direct.isEmpty()) {
            return viaDomain;
        }
        Set<String> both = new LinkedHashSet<>(direct);
        both.addAll(viaDomain);
        return Collections.unmodifiableSet(both);
    }

    /**
     * The groups' names, as first written, in the order they were first added.
     *
     * @return the names
     */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        groups.values().forEach(group -> names.add(group.name()));
        return Collections.unmodifiableSet(names);
    }

    /**
     * Whether a group exists, ignoring case.
     *
     * @param name the group's name
     * @return true if it exists
     */
    public boolean contains(String name) {
        return groups.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * A group's members.
     *
     * @param name the group's name, any case
     * @return the members in the order added, or empty if there is no such group
     */
    public Optional<List<GroupMember>> members(String name) {
        return Optional.ofNullable(groups.get(name.toLowerCase(Locale.ROOT))).map(Group::members);
    }

    /** The number of groups and of members, never the members. */
    @Override
    public String toString() {
        return "Groups[" + groups.size() + " groups, "
                + groups.values().stream().mapToInt(group -> group.members().size()).sum() + " members]";
    }

    /**
     * Collects groups and members.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        private final Map<String, String> names = new LinkedHashMap<>();
        /** Lower-cased group name to its members by their lower-cased text (address or domain). */
        private final Map<String, Map<String, GroupMember>> members = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a member to a group, creating the group on first use. A member added twice (ignoring case) is kept
         * once, as first added.
         *
         * @param group  the group's name (see {@link Endpoint.Group})
         * @param member the member
         * @return this builder
         * @throws IllegalArgumentException if the name is not a usable group name
         */
        public Builder add(String group, GroupMember member) {
            Objects.requireNonNull(member, "member");
            String key = new Endpoint.Group(group).name().toLowerCase(Locale.ROOT);
            names.putIfAbsent(key, group);
            members.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .putIfAbsent(member.render().toLowerCase(Locale.ROOT), member);
            return this;
        }

        /**
         * The groups as added so far.
         *
         * @return an immutable instance
         */
        public Groups build() {
            Map<String, Group> groups = new LinkedHashMap<>();
            Map<String, Set<String>> byAddress = new LinkedHashMap<>();
            Map<String, Set<String>> byDomain = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, GroupMember>> entry : members.entrySet()) {
                String name = names.get(entry.getKey());
                groups.put(entry.getKey(), new Group(name, List.copyOf(entry.getValue().values())));
                for (GroupMember member : entry.getValue().values()) {
                    if (member instanceof Endpoint.Address address) {
                        byAddress.computeIfAbsent(address.address().canonical(), k -> new LinkedHashSet<>()).add(name);
                    } else if (member instanceof Endpoint.Domain domain) {
                        byDomain.computeIfAbsent(domain.name(), k -> new LinkedHashSet<>()).add(name);
                    }
                }
            }
            byAddress.replaceAll((k, v) -> Collections.unmodifiableSet(v));
            byDomain.replaceAll((k, v) -> Collections.unmodifiableSet(v));
            return new Groups(Collections.unmodifiableMap(groups), Collections.unmodifiableMap(byAddress),
                    Collections.unmodifiableMap(byDomain));
        }
    }
}
