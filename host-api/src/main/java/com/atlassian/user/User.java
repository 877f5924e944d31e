package com.atlassian.user;

import java.security.Principal;

/**
 * An atlassian-user user: name, full name and e-mail address.
 *
 * <p>Signature: atlassian-user as shipped with Confluence 8.7.2 (decompiled copy in
 * ngannk-fptu/Decompiled-Files@e0c88ec: extends {@code Entity, Principal}; {@code getFullName()},
 * {@code getEmail()}), per confluence-platform.md B.8.
 */
public interface User extends Entity, Principal {

    /**
     * The user's full name.
     *
     * @return the full name
     */
    String getFullName();

    /**
     * The user's e-mail address.
     *
     * @return the address
     */
    String getEmail();
}
