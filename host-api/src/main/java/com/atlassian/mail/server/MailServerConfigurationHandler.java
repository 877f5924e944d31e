package com.atlassian.mail.server;

/**
 * Called by the mail server manager on every mail server it hands out, to adjust its configuration.
 *
 * <p>Signature: atlassian-mail 5.3.0 ("@since v2.0-m3"), DF
 * {@code com.atlassian.mail_atlassian-mail-5.3.0/com/atlassian/mail/server/MailServerConfigurationHandler.java}, per
 * confluence-platform.md A.2.
 */
public interface MailServerConfigurationHandler {

    /**
     * Adjusts a mail server.
     *
     * @param mailServer the server
     */
    void configureMailServer(MailServer mailServer);
}
