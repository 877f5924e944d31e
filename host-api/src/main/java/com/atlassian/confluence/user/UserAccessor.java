package com.atlassian.confluence.user;

import com.atlassian.sal.api.user.UserKey;

/**
 * Confluence's user service; Mailseal uses it to find users by name or key.
 *
 * <p>Signature: Confluence 8.7.2, DF {@code
 * com.atlassian.confluence_confluence-8.7.2/com/atlassian/confluence/user/UserAccessor.java} (the three methods are
 * declared there as overrides
 * of {@code ConfluenceUserResolver}), per confluence-platform.md B.8. Declared: {@link #getUserByName(String)},
 * {@link #getUserByKey(UserKey)}, {@link #getExistingUserByKey(UserKey)} only.
 */
public interface UserAccessor {

    /**
     * A user by user name.
     *
     * @param name the user name
     * @return the user, or null
     */
    ConfluenceUser getUserByName(String name);

    /**
     * A user by key.
     *
     * @param key the key
     * @return the user, or null
     */
    ConfluenceUser getUserByKey(UserKey key);

    /**
     * A user by key, if the user exists.
     *
     * @param key the key
     * @return the user, or null
     */
    ConfluenceUser getExistingUserByKey(UserKey key);
}
