package com.atlassian.mail.server;

import com.atlassian.mail.MailException;
import com.atlassian.mail.MailProtocol;
import java.io.PrintStream;
import java.util.Properties;
import javax.mail.Session;
import javax.naming.NamingException;

/**
 * A configured mail server (SMTP, POP or IMAP): host, port, protocol, credentials, timeouts and JavaMail properties.
 *
 * <p>Signature: atlassian-mail 5.3.0, DF
 * {@code com.atlassian.mail_atlassian-mail-5.3.0/com/atlassian/mail/server/MailServer.java}, per confluence-platform.md
 * A.2/B.10, with the
 * default methods {@link #isTlsHostnameCheckRequired()} and {@link #setTlsHostnameCheckRequired(boolean)} as there.
 * <b>Omitted:</b> {@code void setLogger(org.apache.log4j.Logger)}, because log4j 1.x is not available to this
 * module; Mailseal never calls it.
 */
public interface MailServer {

    /**
     * The server's id.
     *
     * @return the id, or null before it is stored
     */
    Long getId();

    /**
     * The server's name.
     *
     * @return the name
     */
    String getName();

    /**
     * The server's description.
     *
     * @return the description
     */
    String getDescription();

    /**
     * The server type, one of {@code MailServerManager.SERVER_TYPES}.
     *
     * @return "pop", "smtp" or "imap"
     */
    String getType();

    /**
     * The port.
     *
     * @return the port as a string
     */
    String getPort();

    /**
     * The protocol.
     *
     * @return the protocol
     */
    MailProtocol getMailProtocol();

    /**
     * The host name.
     *
     * @return the host name
     */
    String getHostname();

    /**
     * The user name for authentication.
     *
     * @return the user name, or null
     */
    String getUsername();

    /**
     * The password for authentication.
     *
     * @return the password, or null
     */
    String getPassword();

    /**
     * The connection and read timeout.
     *
     * @return milliseconds
     */
    long getTimeout();

    /**
     * The SOCKS proxy host.
     *
     * @return the host, or null
     */
    String getSocksHost();

    /**
     * The SOCKS proxy port.
     *
     * @return the port, or null
     */
    String getSocksPort();

    /**
     * Whether JavaMail debugging is on.
     *
     * @return true if on
     */
    boolean getDebug();

    /**
     * A JavaMail session for this server.
     *
     * @return the session
     * @throws NamingException if a JNDI session cannot be looked up
     * @throws MailException   if the session cannot be created
     */
    Session getSession() throws NamingException, MailException;

    /**
     * Sets the name.
     *
     * @param name the name
     */
    void setName(String name);

    /**
     * Sets the description.
     *
     * @param description the description
     */
    void setDescription(String description);

    /**
     * Sets the host name.
     *
     * @param hostname the host name
     */
    void setHostname(String hostname);

    /**
     * Sets the user name.
     *
     * @param username the user name
     */
    void setUsername(String username);

    /**
     * Sets the password.
     *
     * @param password the password
     */
    void setPassword(String password);

    /**
     * Sets the id.
     *
     * @param id the id
     */
    void setId(Long id);

    /**
     * Sets the port.
     *
     * @param port the port as a string
     */
    void setPort(String port);

    /**
     * Sets the protocol.
     *
     * @param mailProtocol the protocol
     */
    void setMailProtocol(MailProtocol mailProtocol);

    /**
     * Sets the timeout.
     *
     * @param timeout milliseconds
     */
    void setTimeout(long timeout);

    /**
     * Sets the SOCKS proxy host.
     *
     * @param socksHost the host
     */
    void setSocksHost(String socksHost);

    /**
     * Sets the SOCKS proxy port.
     *
     * @param socksPort the port
     */
    void setSocksPort(String socksPort);

    /**
     * Turns JavaMail debugging on or off.
     *
     * @param debug true for on
     */
    void setDebug(boolean debug);

    /**
     * Sets where JavaMail debug output goes.
     *
     * @param debugStream the stream
     */
    void setDebugStream(PrintStream debugStream);

    /**
     * Sets the JavaMail properties.
     *
     * @param props the properties
     */
    void setProperties(Properties props);

    /**
     * The JavaMail properties (persisted with the server).
     *
     * @return the properties
     */
    Properties getProperties();

    /**
     * Whether the TLS certificate's host name must match the server's.
     *
     * @return false unless the implementation says otherwise
     */
    default boolean isTlsHostnameCheckRequired() {
        return false;
    }

    /**
     * Sets whether the TLS certificate's host name must match the server's.
     *
     * @param tlsHostnameCheckRequired true to require the match
     * @throws UnsupportedOperationException unless the implementation supports it
     */
    default void setTlsHostnameCheckRequired(boolean tlsHostnameCheckRequired) {
        throw new UnsupportedOperationException("setTlsHostnameCheckRequired is not supported by " + getClass());
    }
}
