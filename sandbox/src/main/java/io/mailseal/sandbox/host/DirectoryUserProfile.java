package io.mailseal.sandbox.host;

import com.atlassian.sal.api.user.UserKey;
import com.atlassian.sal.api.user.UserProfile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The SAL profile of a directory user; picture and profile page URIs point into the sandbox.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param user    the user
 * @param baseUrl the sandbox's base URL, without trailing slash
 */
public record DirectoryUserProfile(DirectoryUser user, String baseUrl) implements UserProfile {

    @Override
    public UserKey getUserKey() {
        return user.key();
    }

    @Override
    public String getUsername() {
        return user.username();
    }

    @Override
    public String getFullName() {
        return user.fullName();
    }

    @Override
    public String getEmail() {
        return user.email();
    }

    @Override
    public URI getProfilePictureUri(int width, int height) {
        return getProfilePictureUri();
    }

    @Override
    public URI getProfilePictureUri() {
        return URI.create(baseUrl + "/avatar/" + URLEncoder.encode(user.username(), StandardCharsets.UTF_8) + ".png");
    }

    @Override
    public URI getProfilePageUri() {
        return URI.create(baseUrl + "/profile");
    }
}
