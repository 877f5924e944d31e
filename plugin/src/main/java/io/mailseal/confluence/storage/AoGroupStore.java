package io.mailseal.confluence.storage;

import com.atlassian.activeobjects.external.ActiveObjects;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.Endpoint;
import io.mailseal.rules.GroupMember;
import io.mailseal.rules.Groups;
import io.mailseal.store.GroupStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import net.java.ao.Query;

/**
 * The live USE groups in Active Objects ({@link AoGroupMember}), one row per member. Replacing a group deletes its
 * rows (found by the indexed lower-cased name) and writes the new ones in one transaction, so a reader sees the old
 * or the new group, never a mix.
 *
 * <p>Thread-safe: no state of its own besides the injected service.
 */
public final class AoGroupStore implements GroupStore {

    private final ActiveObjects ao;

    /**
     * Creates the store.
     *
     * @param ao the plugin's Active Objects (the {@code ao-module} declares {@link AoGroupMember})
     */
    public AoGroupStore(ActiveObjects ao) {
        this.ao = Objects.requireNonNull(ao, "ao");
    }

    @Override
    public Groups groups() {
        return ao.executeInTransaction(() -> {
            Groups.Builder builder = Groups.builder();
            for (AoGroupMember row : ao.find(AoGroupMember.class, Query.select()
                    .order("ID ASC"))) {
                builder.add(row.getGroupName(), member(row.getMember()));
            }
            return builder.build();
        });
    }

    @Override
    public void replace(String name, List<GroupMember> members) {
        String checked = new Endpoint.Group(name).name();
        List<GroupMember> copy = List.copyOf(Objects.requireNonNull(members, "members"));
        String lower = checked.toLowerCase(Locale.ROOT);
        ao.executeInTransaction(() -> {
            ao.deleteWithSQL(AoGroupMember.class, AoGroupMember.GROUP_LOWER + " = ?", lower);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < copy.size(); i++) {
                Map<String, Object> row = new HashMap<>();
                row.put(AoGroupMember.GROUP_NAME, checked);
                row.put(AoGroupMember.GROUP_LOWER, lower);
                row.put(AoGroupMember.MEMBER, ((Endpoint) copy.get(i)).render());
                row.put(AoGroupMember.MEMBER_INDEX, i);
                rows.add(row);
            }
            if (!rows.isEmpty()) {
                ao.create(AoGroupMember.class, rows);
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "AoGroupStore";
    }

    private static GroupMember member(String rendered) {
        return rendered.indexOf('@') >= 0 ? new Endpoint.Address(EmailAddress.parse(rendered))
                : new Endpoint.Domain(rendered);
    }
}
