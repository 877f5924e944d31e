package com.atlassian.mail.server;

/**
 * An incoming POP3 mail server.
 *
 * <p>Signature: atlassian-mail 5.3.0 (no members of its own), DF
 * {@code com.atlassian.mail_atlassian-mail-5.3.0/com/atlassian/mail/server/PopMailServer.java}; returned by
 * {@link MailServerManager} (confluence-platform.md B.10).
 */
public interface PopMailServer extends MailServer {
}
