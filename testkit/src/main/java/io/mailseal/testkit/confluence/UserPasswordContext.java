package io.mailseal.testkit.confluence;

import com.atlassian.mail.server.auth.AuthenticationContext;
import com.atlassian.mail.server.auth.Credentials;
import com.atlassian.mail.server.auth.UserPasswordCredentials;
import java.util.Optional;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Service;

/**
 * Like atlassian-mail's {@code InternalAuthenticationContext}: {@code connectService} is
 * {@code service.connect(user, password)}, and {@code preparePropertiesForSession} sets {@code mail.<proto>.auth}.
 *
 * <p>Immutable and thread-safe.
 */
public final class UserPasswordContext implements AuthenticationContext {

    private final String protocol;
    private final String user;
    private final String password;

    /**
     * A context.
     *
     * @param protocol "smtp" or "smtps"
     * @param user     the user name; null for none (then nothing authenticates)
     * @param password the password
     */
    public UserPasswordContext(String protocol, String user, String password) {
        this.protocol = protocol;
        this.user = user;
        this.password = password;
    }

    @Override
    public Credentials getCredentials() {
        return new UserPasswordCredentials() {
            @Override
            public String getUserName() {
                return user;
            }

            @Override
            public String getPassword() {
                return password;
            }

            @Override
            public Optional<Properties> getProperties() {
                return Optional.empty();
            }
        };
    }

    @Override
    public boolean isAuthenticating() {
        return user != null && !user.isEmpty();
    }

    @Override
    public Properties preparePropertiesForSession(Properties properties) {
        properties.put("mail." + protocol + ".auth", String.valueOf(isAuthenticating()));
        return properties;
    }

    @Override
    public void connectService(Service service) throws MessagingException {
        service.connect(user, password);
    }
}
