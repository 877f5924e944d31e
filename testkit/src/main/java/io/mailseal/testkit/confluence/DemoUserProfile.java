package io.mailseal.testkit.confluence;

import com.atlassian.sal.api.user.UserKey;
import com.atlassian.sal.api.user.UserProfile;
import java.net.URI;

/**
 * The SAL profile of a demo user; picture and profile page URIs point under the test host's base URL.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param user    the user
 * @param baseUrl the host's base URL, without trailing slash
 */
public record DemoUserProfile(DemoUser user, String baseUrl) implements UserProfile {

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
        return URI.create(baseUrl + "/images/icons/profilepics/default.svg");
    }

    @Override
    public URI getProfilePageUri() {
        return URI.create(baseUrl + "/display/~" + user.username());
    }
}
