package io.mailseal.confluence.storage;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * One member of a live USE group: table {@code AO_EDB82B_GROUP_MEMBER}. A group is the rows of one lower-cased name;
 * {@link AoGroupStore} replaces them as a whole. Copied into engine values before anything leaves the store.
 *
 * <p>Not thread-safe (an Active Objects proxy); never shared.
 */
@Table("GROUP_MEMBER")
@Preload
public interface AoGroupMember extends Entity {

    /** Column of {@link #getGroupName()}. */
    String GROUP_NAME = "GROUP_NAME";
    /** Column of {@link #getGroupLower()}. */
    String GROUP_LOWER = "GROUP_LOWER";
    /** Column of {@link #getMember()}. */
    String MEMBER = "MEMBER";
    /** Column of {@link #getMemberIndex()}. */
    String MEMBER_INDEX = "MEMBER_INDEX";

    /** @return the group's name as last written */
    @NotNull
    @StringLength(255)
    String getGroupName();

    /** @param groupName the group's name */
    void setGroupName(String groupName);

    /** @return the group's name lower-cased, which replacing searches */
    @NotNull
    @Indexed
    @StringLength(255)
    String getGroupLower();

    /** @param groupLower the lower-cased name */
    void setGroupLower(String groupLower);

    /** @return the member: an address or a domain, as rendered */
    @NotNull
    @StringLength(255)
    String getMember();

    /** @param member the rendered member */
    void setMember(String member);

    /** @return the member's place in the group, from 0 */
    @NotNull
    int getMemberIndex();

    /** @param memberIndex the member's place */
    void setMemberIndex(int memberIndex);
}
