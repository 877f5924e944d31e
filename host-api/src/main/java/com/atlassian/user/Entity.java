package com.atlassian.user;

import java.io.Serializable;

/**
 * A named atlassian-user entity (user or group).
 *
 * <p>Signature: atlassian-user, per the javadoc of {@code com.atlassian.user.Entity}
 * (https://docs.atlassian.com/atlassian-user/2.0.1/apidocs/com/atlassian/user/Entity.html: extends Serializable,
 * {@code String getName()}); confluence-platform.md B.8. No copy of the version shipped with Confluence 8.7.2 was
 * found.
 */
public interface Entity extends Serializable {

    /**
     * The entity's name (the user name for a user).
     *
     * @return the name
     */
    String getName();
}
