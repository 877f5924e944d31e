package com.atlassian.confluence.user;

import com.atlassian.sal.api.user.UserKey;
import java.util.List;

/**
 * Confluence's user service; Mailseal uses it to find users by name or key.
 *
 * <p>Signature: Confluence 8.7.2, DF {@code
 * com.atlassian.confluence_confluence-8.7.2/com/atlassian/confluence/user/UserAccessor.java} (the three methods are
 * declared there as overrides
 * of {@code ConfluenceUserResolver}), per confluence-platform.md B.8. Declared: {@link #getUserByName(String)},
 * {@link #getUserByKey(UserKey)}, {@link #getExistingUserByKey(UserKey)} and {@link #getUserNamesWithConfluenceAccess()}
 * only. The last is declared on {@code UserAccessor} itself in the same DF file, and listed by the 8.5 javadoc
 * (https://docs.atlassian.com/ConfluenceServer/javadoc/8.5.21/com/atlassian/confluence/user/UserAccessor.html); its
 * presence in 9.x is assumed [U] (the 9.x/latest javadoc pages list the same interface and super-interfaces).
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

    /**
     * The names of every user who may use Confluence (active, with the Confluence permission).
     *
     * <p>Signature: DF 8.7.2 {@code com/atlassian/confluence/user/UserAccessor.java}:
     * {@code public List<String> getUserNamesWithConfluenceAccess();}
     *
     * @return the user names
     */
    List<String> getUserNamesWithConfluenceAccess();
}
