package com.atlassian.sal.api.user;

import java.net.URI;

/**
 * A user's public profile: key, user name, full name, e-mail address, picture and profile page.
 *
 * <p>Signature: sal-api 5.1.4, DF {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/user/UserProfile.java},
 * per confluence-platform.md B.3.
 */
public interface UserProfile {

    /**
     * The user's key.
     *
     * @return the key
     */
    UserKey getUserKey();

    /**
     * The user's login name.
     *
     * @return the user name
     */
    String getUsername();

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

    /**
     * The user's profile picture at a size.
     *
     * @param width  the width in pixels
     * @param height the height in pixels
     * @return the picture's URI, or null
     */
    URI getProfilePictureUri(int width, int height);

    /**
     * The user's profile picture at the default size.
     *
     * @return the picture's URI, or null
     */
    URI getProfilePictureUri();

    /**
     * The user's profile page.
     *
     * @return the page's URI
     */
    URI getProfilePageUri();
}
