/**
 * The mail hook (ARCHITECTURE.md, confluence-platform.md A.5): a {@code MailServerConfigurationHandler} that wraps each
 * SMTP server's authentication context so that Confluence's JavaMail session delivers into Mailseal's in-memory SMTP
 * endpoint; the pipeline that encrypts each message there and sends the deliveries upstream through the original
 * server settings and authentication context; and the counters and status the admin screens show.
 *
 * <p>Adapters for atlassian-mail; the protocol and the encryption live in the engine ({@code io.mailseal.smtp},
 * {@code io.mailseal.outbound}).
 */
package io.mailseal.confluence.mail;
