package io.mailseal.confluence.mail;

import com.atlassian.mail.server.SMTPMailServer;
import com.atlassian.mail.server.auth.AuthenticationContext;
import com.atlassian.mail.server.auth.UserPasswordCredentials;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.mail.Address;
import javax.mail.Authenticator;
import javax.mail.MessagingException;
import javax.mail.PasswordAuthentication;
import javax.mail.SendFailedException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

/**
 * Sends a finished delivery to the real mail server, as Confluence would have: a JavaMail session from the server's
 * own settings (its persistent properties, the JVM's {@code mail.*} system properties, the TLS host-name check), passed
 * through the server's <em>original</em> authentication context, and a transport connected by that context (so
 * passwords and OAuth2 tokens keep working). The bytes go out exactly as built; the envelope sender is kept.
 * Recipients the server refuses do not stop the others ({@code sendpartial}).
 *
 * <p>Stateless and thread-safe.
 */
public final class JavaMailUpstream {

    /** What sending one delivery gave. */
    public sealed interface Result {
        /** Every recipient was accepted. */
        record Sent() implements Result {
        }

        /**
         * The server refused some or all recipients for good (5xx).
         *
         * @param rejected the refused recipients
         * @param someSent whether others were accepted
         * @param reply    the server's words
         */
        record Refused(List<String> rejected, boolean someSent, String reply) implements Result {
        }

        /**
         * The server could not be used now (down, timed out, 4xx, authentication failed): nothing is known to be sent.
         *
         * @param reason why, naming the host
         */
        record Unavailable(String reason) implements Result {
        }
    }

    /**
     * Sends one delivery.
     *
     * @param server       the Confluence SMTP server the message was meant for
     * @param original     its own authentication context (not Mailseal's wrapper)
     * @param envelopeFrom the MAIL FROM address; empty for the null reverse path
     * @param recipients   the RCPT TO addresses
     * @param message      the RFC 5322 bytes
     * @return the result
     */
    public Result send(SMTPMailServer server, AuthenticationContext original, String envelopeFrom,
                       List<EmailAddress> recipients, byte[] message) {
        String protocol = server.getMailProtocol() == null ? "smtp" : server.getMailProtocol().getProtocol();
        return send(server.getHostname() + ":" + server.getPort(), protocol,
                () -> session(server, original, protocol, envelopeFrom), original::connectService, recipients,
                message);
    }

    /**
     * Sends one delivery to the upstream server of relay mode.
     *
     * @param relay        the relay settings (upstream host, port, security, login)
     * @param envelopeFrom the MAIL FROM address; empty for the null reverse path
     * @param recipients   the RCPT TO addresses
     * @param message      the RFC 5322 bytes
     * @return the result
     */
    public Result send(Settings.Relay relay, String envelopeFrom, List<EmailAddress> recipients, byte[] message) {
        String protocol = relay.upstreamSecurity().equals("SSL") ? "smtps" : "smtp";
        String prefix = "mail." + protocol;
        Properties props = new Properties();
        props.put(prefix + ".host", String.valueOf(relay.upstreamHost()));
        props.put(prefix + ".port", String.valueOf(relay.upstreamPort()));
        props.put(prefix + ".connectiontimeout", "10000");
        props.put(prefix + ".timeout", "60000");
        props.put(prefix + ".writetimeout", "60000");
        props.put(prefix + ".sendpartial", "true");
        if (relay.upstreamSecurity().equals("STARTTLS")) {
            props.put(prefix + ".starttls.enable", "true");
            props.put(prefix + ".starttls.required", "true");
        }
        if (!relay.upstreamSecurity().equals("NONE")) {
            props.put(prefix + ".ssl.checkserveridentity", "true");
        }
        boolean login = relay.upstreamUser() != null && !relay.upstreamUser().isBlank();
        props.put(prefix + ".auth", String.valueOf(login));
        if (envelopeFrom != null && !envelopeFrom.isEmpty()) {
            props.put(prefix + ".from", envelopeFrom);
        }
        return send(relay.upstreamHost() + ":" + relay.upstreamPort(), protocol, () -> Session.getInstance(props),
                transport -> {
                    if (login) {
                        transport.connect(relay.upstreamHost(), relay.upstreamPort(), relay.upstreamUser(),
                                relay.upstreamPassword().reveal());
                    } else {
                        transport.connect();
                    }
                }, recipients, message);
    }

    private interface Connector {
        void connect(Transport transport) throws MessagingException;
    }

    private interface SessionMaker {
        Session make() throws MessagingException;
    }

    private Result send(String where, String protocol, SessionMaker sessions, Connector connector,
                        List<EmailAddress> recipients, byte[] message) {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Session.class.getClassLoader());
        try {
            Session session = sessions.make();
            Address[] to = new Address[recipients.size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(recipients.get(i).value());
            }
            try (Transport transport = session.getTransport(protocol)) {
                connector.connect(transport);
                transport.sendMessage(new ExactMessage(session, message), to);
            }
            return new Result.Sent();
        } catch (SendFailedException e) {
            return classify(e, where);
        } catch (MessagingException | RuntimeException e) {
            return new Result.Unavailable(where + ": " + describe(e));
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    private static Result classify(SendFailedException e, String where) {
        if (temporary(e)) {
            return new Result.Unavailable(where + ": " + describe(e));
        }
        Address[] invalid = e.getInvalidAddresses();
        Address[] sent = e.getValidSentAddresses();
        if (invalid == null || invalid.length == 0) {
            return new Result.Unavailable(where + ": " + describe(e));
        }
        List<String> rejected = new ArrayList<>();
        for (Address address : invalid) {
            rejected.add(address.toString());
        }
        return new Result.Refused(rejected, sent != null && sent.length > 0, where + ": " + describe(e));
    }

    /** A 4xx anywhere in the chain (SMTPSendFailedException and SMTPAddressFailedException carry the code). */
    private static boolean temporary(Exception e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            int code = returnCode(x);
            if (code >= 400 && code < 500) {
                return true;
            }
            if (x.getCause() instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static int returnCode(Exception e) {
        try {
            Object code = e.getClass().getMethod("getReturnCode").invoke(e);
            return code instanceof Integer i ? i : -1;
        } catch (ReflectiveOperationException | RuntimeException notSmtp) {
            return -1;
        }
    }

    private static String describe(Exception e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()).strip());
        Exception next = e instanceof MessagingException m ? m.getNextException() : null;
        if (next != null && next != e && next.getMessage() != null && !text.toString().contains(next.getMessage())) {
            text.append(" (").append(next.getMessage().strip()).append(')');
        }
        return text.toString().replaceAll("\\s+", " ");
    }

    private static Session session(SMTPMailServer server, AuthenticationContext original, String protocol,
                                   String envelopeFrom) {
        Properties props = new Properties();
        for (Map.Entry<Object, Object> entry : System.getProperties().entrySet()) {
            if (entry.getKey() instanceof String key && key.startsWith("mail.") && entry.getValue() instanceof String) {
                props.put(key, entry.getValue());
            }
        }
        Properties stored = server.getProperties();
        if (stored != null) {
            for (Map.Entry<Object, Object> entry : stored.entrySet()) {
                if (entry.getKey() instanceof String && entry.getValue() instanceof String) {
                    props.put(entry.getKey(), entry.getValue()); // never an object: ours live on the session path only
                }
            }
        }
        String prefix = "mail." + protocol;
        putIfSet(props, prefix + ".host", server.getHostname());
        putIfSet(props, prefix + ".port", server.getPort());
        if (server.getTimeout() > 0) {
            props.putIfAbsent(prefix + ".timeout", String.valueOf(server.getTimeout()));
            props.putIfAbsent(prefix + ".connectiontimeout", String.valueOf(server.getTimeout()));
        }
        props.putIfAbsent(prefix + ".writetimeout", String.valueOf(server.getTimeout() > 0 ? server.getTimeout()
                : 60_000));
        if (server.isTlsRequired() && server.isTlsHostnameCheckRequired()) {
            props.put(prefix + ".ssl.checkserveridentity", "true");
        }
        Properties prepared = original.preparePropertiesForSession(props);
        prepared.put(prefix + ".sendpartial", "true");
        if (envelopeFrom != null && !envelopeFrom.isEmpty()) {
            prepared.put(prefix + ".from", envelopeFrom);
        }
        Authenticator authenticator = null;
        if (original.isAuthenticating()
                && original.getCredentials() instanceof UserPasswordCredentials credentials) {
            PasswordAuthentication password = new PasswordAuthentication(credentials.getUserName(),
                    credentials.getPassword());
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return password;
                }
            };
        }
        return Session.getInstance(prepared, authenticator);
    }

    private static void putIfSet(Properties props, String key, String value) {
        if (value != null && !value.isBlank()) {
            props.put(key, value.strip());
        }
    }

    /**
     * A message that writes exactly the bytes it was given, not parsed or copied (JavaMail still dot-stuffs them on
     * the wire). The envelope comes from the session ({@code mail.<proto>.from}) and the recipient list.
     */
    private static final class ExactMessage extends MimeMessage {
        private final byte[] bytes;

        ExactMessage(Session session, byte[] bytes) {
            super(session);
            this.bytes = bytes;
        }

        @Override
        public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
            out.write(bytes);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }
    }
}
