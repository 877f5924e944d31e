package com.atlassian.confluence.user;

import com.atlassian.confluence.internal.relations.RelatableEntity;
import com.atlassian.sal.api.user.UserKey;
import com.atlassian.user.User;

/**
 * A Confluence user: an atlassian-user {@link User} with a stable {@link UserKey}.
 *
 * <p>Signature: Confluence 8.7.2, DF
 * {@code com.atlassian.confluence_confluence-8.7.2/com/atlassian/confluence/user/ConfluenceUser.java}, per
 * confluence-platform.md B.8, with the default
 * method {@link #getLowerName()} as there.
 */
public interface ConfluenceUser extends User, RelatableEntity {

    /**
     * The user's key.
     *
     * @return the key
     */
    UserKey getKey();

    /**
     * The lower-case user name.
     *
     * @return the name, or null
     */
    default String getLowerName() {
        String name = getName();
        return name == null ? null : name.toLowerCase(java.util.Locale.ROOT);
    }
}
