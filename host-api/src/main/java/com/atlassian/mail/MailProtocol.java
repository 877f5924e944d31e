package com.atlassian.mail;

import com.atlassian.mail.server.MailServerManager;

/**
 * The mail protocols a mail server speaks, with their JavaMail protocol name and default port.
 *
 * <p>Signature: atlassian-mail 5.3.0, DF {@code
 * com.atlassian.mail_atlassian-mail-5.3.0/com/atlassian/mail/MailProtocol.java} (package {@code com.atlassian.mail},
 * not
 * {@code com.atlassian.mail.server}); constants and values as there, per confluence-platform.md A.5/B.10.
 * Declared: {@link #getProtocol()}, {@link #getDefaultPort()}, {@link #getMailServerType()},
 * {@link #getMailProtocol(String)}; omitted: {@code getMailProtocolsForServerType(String)}. As in the host, the
 * IMAP protocols report the server type {@code "pop"} ({@code MailServerManager.SERVER_TYPES[0]}).
 */
public enum MailProtocol {
    /** Plain SMTP (port 25). */
    SMTP("smtp", "25", MailServerManager.SERVER_TYPES[1]),
    /** SMTP over TLS (port 465). */
    SECURE_SMTP("smtps", "465", MailServerManager.SERVER_TYPES[1]),
    /** POP3 (port 110). */
    POP("pop3", "110", MailServerManager.SERVER_TYPES[0]),
    /** POP3 over TLS (port 995). */
    SECURE_POP("pop3s", "995", MailServerManager.SERVER_TYPES[0]),
    /** IMAP (port 143). */
    IMAP("imap", "143", MailServerManager.SERVER_TYPES[0]),
    /** IMAP over TLS (port 993). */
    SECURE_IMAP("imaps", "993", MailServerManager.SERVER_TYPES[0]);

    private final String protocol;
    private final String defaultPort;
    private final String mailServerType;

    MailProtocol(String protocol, String defaultPort, String mailServerType) {
        this.protocol = protocol;
        this.defaultPort = defaultPort;
        this.mailServerType = mailServerType;
    }

    /**
     * The JavaMail protocol name ({@code Session.getTransport(String)}).
     *
     * @return e.g. "smtp" or "smtps"
     */
    public String getProtocol() {
        return protocol;
    }

    /**
     * The protocol's default port.
     *
     * @return the port as a string, e.g. "25"
     */
    public String getDefaultPort() {
        return defaultPort;
    }

    /**
     * The server type of {@code MailServerManager.SERVER_TYPES} this protocol belongs to.
     *
     * @return "smtp" or "pop"
     */
    public String getMailServerType() {
        return mailServerType;
    }

    /**
     * The protocol with a JavaMail protocol name.
     *
     * @param protocol the name, e.g. "smtps"
     * @return the protocol, or null if none has that name
     */
    public static MailProtocol getMailProtocol(String protocol) {
        for (MailProtocol candidate : values()) {
            if (candidate.protocol.equals(protocol)) {
                return candidate;
            }
        }
        return null;
    }
}
