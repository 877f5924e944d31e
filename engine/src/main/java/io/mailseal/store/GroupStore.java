package io.mailseal.store;

import io.mailseal.rules.GroupMember;
import io.mailseal.rules.Groups;
import java.util.List;

/**
 * The live USE groups that rules name ({@code group:NAME}). Groups are full state: the sync sets each group a file
 * names to exactly the members the file lists; groups the file does not name stay as they are.
 *
 * <p>Implementations are thread-safe and compare group names ignoring case (keeping the name as last written). One
 * that cannot reach its storage throws an unchecked exception.
 */
public interface GroupStore {

    /**
     * The live groups.
     *
     * @return every group with its members, in the order members were set
     */
    Groups groups();

    /**
     * Sets a group to exactly these members; an empty list deletes the group.
     *
     * @param name    the group's name (see {@link io.mailseal.rules.Endpoint.Group}); replaces a group of the same
     *                name in another case
     * @param members the members, in order, each once
     */
    void replace(String name, List<GroupMember> members);
}
