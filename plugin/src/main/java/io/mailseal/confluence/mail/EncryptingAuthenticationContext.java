package io.mailseal.confluence.mail;

import com.atlassian.mail.server.SMTPMailServer;
import com.atlassian.mail.server.auth.AuthenticationContext;
import com.atlassian.mail.server.auth.Credentials;
import io.mailseal.smtp.InMemorySmtpSocket;
import io.mailseal.smtp.InMemorySmtpSocketFactory;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Service;

/**
 * Mailseal's wrapper around an SMTP server's authentication context. On the session-building path (a properties
 * object other than the server's own persistent one) it points JavaMail's {@code smtp} and {@code smtps} transports
 * at Mailseal's in-memory endpoint: the socket factory <em>object</em> for both the plain and the SSL slot, no
 * fallback to a direct connection, no proxy or SOCKS (which would bypass the factory), no write-timeout wrapper (it
 * would hide the socket's SSL nature), no AUTH. The server's persistent properties are passed through untouched, so
 * nothing of Mailseal is ever stored with Confluence's mail settings.
 *
 * <p>{@link #connectService} connects the transport and then checks that the connection went through the endpoint;
 * if it did not (another plugin changed the session, a JNDI session), it closes it and refuses with an exception, so
 * Confluence keeps the mail and retries: fail closed.
 *
 * <p>Thread-safe: immutable; the factory is thread-safe.
 */
public final class EncryptingAuthenticationContext implements AuthenticationContext {

    private static final List<String> PROTOCOLS = List.of("smtp", "smtps");
    private static final List<String> BYPASSES = List.of(".proxy.host", ".proxy.port", ".socks.host", ".socks.port",
            ".writetimeout", ".socketFactory.class", ".ssl.socketFactory.class", ".ssl.socketFactory.port",
            ".socketFactory.port");

    private final AuthenticationContext original;
    private final SMTPMailServer server;
    private final InMemorySmtpSocketFactory endpoint;
    private final Runnable onRefused;

    /**
     * Wraps a context.
     *
     * @param original  the server's own context, used for everything else and for the upstream connection
     * @param server    the server whose context this is
     * @param endpoint  the socket factory of the endpoint for this server
     * @param onRefused called when a connection is refused because it bypassed the endpoint
     */
    EncryptingAuthenticationContext(AuthenticationContext original, SMTPMailServer server,
                                    InMemorySmtpSocketFactory endpoint, Runnable onRefused) {
        this.original = Objects.requireNonNull(original, "original");
        this.server = Objects.requireNonNull(server, "server");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
    }

    /**
     * The context this one wraps.
     *
     * @return the server's own context
     */
    public AuthenticationContext original() {
        return original;
    }

    InMemorySmtpSocketFactory endpoint() {
        return endpoint;
    }

    @Override
    public Credentials getCredentials() {
        return original.getCredentials();
    }

    @Override
    public boolean isAuthenticating() {
        return original.isAuthenticating();
    }

    @Override
    public Properties preparePropertiesForSession(Properties properties) {
        Properties persistent = server.getProperties();
        Properties prepared = original.preparePropertiesForSession(properties);
        if (properties == persistent || prepared == persistent) {
            return prepared; // the stored settings: never an object of ours in there
        }
        for (String protocol : PROTOCOLS) {
            String prefix = "mail." + protocol;
            for (String bypass : BYPASSES) {
                prepared.remove(prefix + bypass);
            }
            prepared.put(prefix + ".socketFactory", endpoint);
            prepared.put(prefix + ".ssl.socketFactory", endpoint);
            prepared.put(prefix + ".socketFactory.fallback", "false");
            prepared.put(prefix + ".ssl.socketFactory.fallback", "false");
            prepared.put(prefix + ".ssl.checkserveridentity", "false");
            prepared.put(prefix + ".auth", "false");
        }
        return prepared;
    }

    @Override
    public void connectService(Service service) throws MessagingException {
        endpoint.forgetLastSocket();
        service.connect();
        InMemorySmtpSocket socket = endpoint.takeLastSocket();
        if (socket == null || !socket.isConnected() || socket.isClosed()) {
            try {
                service.close();
            } finally {
                onRefused.run();
            }
            throw new MessagingException("Mailseal refuses to send through a connection that did not go through its"
                    + " encrypting endpoint (server '" + server.getName() + "'); the mail is kept for a retry");
        }
    }
}
