package io.mailseal.confluence.mail;

import com.atlassian.mail.Email;
import com.atlassian.mail.MailException;
import com.atlassian.mail.server.MailServerManager;
import com.atlassian.mail.server.SMTPMailServer;
import io.mailseal.keys.EmailAddress;
import java.time.Clock;
import java.util.Objects;

/**
 * The admin's "send a test mail": a short notification sent to an address through Confluence's default SMTP server,
 * so it takes the real mail path (the hook, the policy, the encryption, the upstream server).
 *
 * <p>Thread-safe: stateless.
 */
public final class TestMailSender {

    private final MailServerManager manager;
    private final Clock clock;

    /**
     * A sender.
     *
     * @param manager the host's mail server manager
     * @param clock   for the text of the mail
     */
    public TestMailSender(MailServerManager manager, Clock clock) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What sending gave. */
    public sealed interface Result {
        /**
         * Confluence's server accepted it (it was encrypted, signed, sent plain or replaced by a problem report as the
         * policy says; the mail hook status counts which).
         *
         * @param server the server's name
         */
        record Sent(String server) implements Result {
        }

        /**
         * It was not sent.
         *
         * @param reason why
         */
        record NotSent(String reason) implements Result {
        }
    }

    /**
     * Sends the test mail.
     *
     * @param to      the address
     * @param subject the subject (from i18n)
     * @param body    the HTML body (from i18n; escaped by the caller)
     * @return the result
     */
    public Result send(EmailAddress to, String subject, String body) {
        SMTPMailServer server = manager.getDefaultSMTPMailServer();
        if (server == null) {
            return new Result.NotSent("Confluence has no default SMTP server");
        }
        Email email = new Email(to.value());
        email.setSubject(subject);
        email.setBody(body + "<p style=\"color:#6b778c\">" + clock.instant() + "</p>");
        email.setMimeType("text/html");
        email.addHeader("X-Mailseal-Test", "true");
        try {
            server.send(email);
            return new Result.Sent(String.valueOf(server.getName()));
        } catch (MailException e) {
            return new Result.NotSent(String.valueOf(e.getMessage()));
        }
    }
}
