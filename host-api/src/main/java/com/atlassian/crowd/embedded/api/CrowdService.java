package com.atlassian.crowd.embedded.api;

/**
 * Looks up users across the host's user directories.
 *
 * <p>Signature: embedded-crowd-api 5.1.6, DF
 * {@code com.atlassian.crowd_embedded-crowd-api-5.1.6/com/atlassian/crowd/embedded/api/CrowdService.java}, per
 * confluence-platform.md B.9.
 * Declared: {@link #getUser(String)} only.
 */
public interface CrowdService {

    /**
     * A user by name, from the first directory that has one.
     *
     * @param name the user name
     * @return the user, or null
     */
    User getUser(String name);
}
