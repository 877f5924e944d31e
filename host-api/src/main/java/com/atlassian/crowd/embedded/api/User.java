package com.atlassian.crowd.embedded.api;

import java.security.Principal;

/**
 * A user as a Crowd directory knows it (name, directory, display name, e-mail address, active flag).
 *
 * <p>Signature: embedded-crowd-api 5.1.6, DF {@code
 * com.atlassian.crowd_embedded-crowd-api-5.1.6/com/atlassian/crowd/embedded/api/User.java}, per confluence-platform.md
 * B.9.
 * Omitted: the re-declared {@code equals}/{@code hashCode}/{@code compareTo} and the default method
 * {@code isMarkedAsDeleted()}.
 */
public interface User extends Comparable<User>, Principal {

    /**
     * The id of the directory the user comes from.
     *
     * @return the directory id
     */
    long getDirectoryId();

    /**
     * Whether the user is active.
     *
     * @return true if active
     */
    boolean isActive();

    /**
     * The user's e-mail address.
     *
     * @return the address
     */
    String getEmailAddress();

    /**
     * The user's display name.
     *
     * @return the display name
     */
    String getDisplayName();
}
