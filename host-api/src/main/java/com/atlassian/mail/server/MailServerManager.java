package com.atlassian.mail.server;

import com.atlassian.mail.MailException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.mail.Authenticator;
import javax.mail.Session;

/**
 * Stores and hands out the host's mail servers, and builds JavaMail sessions for them.
 *
 * <p>Signature: atlassian-mail 5.3.0, DF {@code
 * com.atlassian.mail_atlassian-mail-5.3.0/com/atlassian/mail/server/MailServerManager.java}, per confluence-platform.md
 * A.2/B.10. The host
 * annotates several parameters and results with {@code @Nullable}; that annotation is not available here.
 */
public interface MailServerManager {

    /** The server types: index 0 "pop", 1 "smtp", 2 "imap". */
    String[] SERVER_TYPES = {"pop", "smtp", "imap"};

    /**
     * A server by id.
     *
     * @param id the id
     * @return the server, or null
     * @throws MailException if the servers cannot be read
     */
    MailServer getMailServer(Long id) throws MailException;

    /**
     * A server by name.
     *
     * @param name the name
     * @return the server, or null
     * @throws MailException if the servers cannot be read
     */
    MailServer getMailServer(String name) throws MailException;

    /**
     * Stores a new server.
     *
     * @param mailServer the server
     * @return its new id
     * @throws MailException if it cannot be stored
     */
    Long create(MailServer mailServer) throws MailException;

    /**
     * Stores a changed server.
     *
     * @param mailServer the server
     * @throws MailException if it cannot be stored
     */
    void update(MailServer mailServer) throws MailException;

    /**
     * Deletes a server.
     *
     * @param mailServerId the id
     * @throws MailException if it cannot be deleted
     */
    void delete(Long mailServerId) throws MailException;

    /**
     * The names of all servers.
     *
     * @return the names
     * @throws MailException if the servers cannot be read
     */
    List<String> getServerNames() throws MailException;

    /**
     * The SMTP servers.
     *
     * @return the servers
     */
    List<SMTPMailServer> getSmtpMailServers();

    /**
     * The POP servers.
     *
     * @return the servers
     */
    List<PopMailServer> getPopMailServers();

    /**
     * The IMAP servers.
     *
     * @return the servers
     */
    List<ImapMailServer> getImapMailServers();

    /**
     * The default SMTP server, the one Confluence sends with.
     *
     * @return the server, or null if none is configured
     */
    SMTPMailServer getDefaultSMTPMailServer();

    /**
     * Whether a default SMTP server is configured.
     *
     * @return true if there is one
     */
    boolean isDefaultSMTPMailServerDefined();

    /**
     * The default POP server.
     *
     * @return the server, or null
     */
    PopMailServer getDefaultPopMailServer();

    /**
     * Builds a JavaMail session.
     *
     * @param props         the session properties
     * @param authenticator the authenticator; may be null
     * @return the session
     * @throws MailException if it cannot be built
     */
    Session getSession(Properties props, Authenticator authenticator) throws MailException;

    /**
     * Initialises the manager (raw {@code Map} in the host's signature).
     *
     * @param params the parameters
     */
    @SuppressWarnings("rawtypes")
    void init(Map params);

    /**
     * Installs the handler called on every server handed out (a single slot: the last call wins).
     *
     * @param mailServerConfigurationHandler the handler; null removes it
     */
    void setMailServerConfigurationHandler(MailServerConfigurationHandler mailServerConfigurationHandler);
}
