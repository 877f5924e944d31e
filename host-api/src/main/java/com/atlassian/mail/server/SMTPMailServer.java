package com.atlassian.mail.server;

import com.atlassian.mail.Email;
import com.atlassian.mail.MailException;
import java.io.PrintStream;

/**
 * An outgoing (SMTP) mail server that sends {@link Email}s.
 *
 * <p>Signature: atlassian-mail 5.3.0, DF {@code
 * com.atlassian.mail_atlassian-mail-5.3.0/com/atlassian/mail/server/SMTPMailServer.java}, per confluence-platform.md
 * A.3/B.10, with the
 * default method {@link #isTransportCachingEnabled()} as there. Also declared (present in the host, not listed in
 * B.10): the setters {@code setDefaultFrom}, {@code setPrefix}, {@code setSessionServer}, {@code setJndiLocation},
 * {@code setRemovePrecedence}, {@code setTlsRequired}. Omitted: the deprecated constant {@code DEFAULT_SMTP_PORT}.
 */
public interface SMTPMailServer extends MailServer {

    /**
     * The default sender address.
     *
     * @return the address
     */
    String getDefaultFrom();

    /**
     * Sets the default sender address.
     *
     * @param from the address
     */
    void setDefaultFrom(String from);

    /**
     * The subject prefix.
     *
     * @return the prefix, or null
     */
    String getPrefix();

    /**
     * Sets the subject prefix.
     *
     * @param prefix the prefix
     */
    void setPrefix(String prefix);

    /**
     * Whether the server is a JNDI mail session rather than host/port settings.
     *
     * @return true for a JNDI session
     */
    boolean isSessionServer();

    /**
     * Sets whether the server is a JNDI mail session.
     *
     * @param sessionServer true for a JNDI session
     */
    void setSessionServer(boolean sessionServer);

    /**
     * The JNDI location of the mail session.
     *
     * @return the location, or null
     */
    String getJndiLocation();

    /**
     * Sets the JNDI location of the mail session.
     *
     * @param jndiLocation the location
     */
    void setJndiLocation(String jndiLocation);

    /**
     * Whether the {@code Precedence: bulk} header is removed.
     *
     * @return true if removed
     */
    boolean isRemovePrecedence();

    /**
     * Sets whether the {@code Precedence: bulk} header is removed.
     *
     * @param removePrecedence true to remove it
     */
    void setRemovePrecedence(boolean removePrecedence);

    /**
     * Sends a message.
     *
     * @param email the message
     * @throws MailException if it cannot be sent
     */
    void send(Email email) throws MailException;

    /**
     * Sends a message with a given Message-ID.
     *
     * @param email     the message
     * @param messageId the Message-ID
     * @throws MailException if it cannot be sent
     */
    void sendWithMessageId(Email email, String messageId) throws MailException;

    /**
     * Sends a message, logging failures instead of reporting them where the implementation can.
     *
     * @param email the message
     * @throws MailException if it cannot be sent
     */
    void quietSend(Email email) throws MailException;

    /**
     * Where JavaMail debug output goes.
     *
     * @return the stream, or null
     */
    PrintStream getDebugStream();

    /**
     * Whether STARTTLS is required.
     *
     * @return true if required
     */
    boolean isTlsRequired();

    /**
     * Sets whether STARTTLS is required.
     *
     * @param tlsRequired true to require it
     */
    void setTlsRequired(boolean tlsRequired);

    /**
     * Whether connected transports are cached and reused between sends.
     *
     * @return false unless the implementation says otherwise
     */
    default boolean isTransportCachingEnabled() {
        return false;
    }
}
