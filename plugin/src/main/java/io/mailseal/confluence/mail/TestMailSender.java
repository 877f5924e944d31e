package io.mailseal.confluence.mail;

import com.atlassian.mail.Email;
import com.atlassian.mail.MailException;
import com.atlassian.mail.server.MailServerManager;
import com.atlassian.mail.server.SMTPMailServer;
import io.mailseal.keys.EmailAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The admin's "send a test mail": a short notification sent to an address through Confluence's default SMTP server,
 * so it takes the real mail path (the hook, the policy, the encryption, the upstream server). The mail carries a
 * random id in the header {@value TestMailOutcomes#HEADER}; the pipeline notes what it did with it, so the result says
 * whether it was encrypted and for which keys, withheld, or refused upstream.
 *
 * <p>Thread-safe: holds only thread-safe objects.
 */
public final class TestMailSender {

    private final MailServerManager manager;
    private final TestMailOutcomes outcomes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * A sender.
     *
     * @param manager  the host's mail server manager
     * @param pipeline the pipeline the mail goes through (for what it did with it)
     * @param clock    for the text of the mail
     */
    public TestMailSender(MailServerManager manager, MailPipeline pipeline, Clock clock) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.outcomes = Objects.requireNonNull(pipeline, "pipeline").testMails();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What sending gave. */
    public sealed interface Result {
        /**
         * Confluence's server accepted it (it was encrypted, signed, sent plain or replaced by a problem report as the
         * policy says; the mail hook status counts which).
         *
         * @param server     the server's name
         * @param deliveries what Mailseal did with each delivery; empty if the mail did not go through Mailseal (the
         *                   hook is not active on that server)
         */
        record Sent(String server, List<TestMailOutcomes.Outcome> deliveries) implements Result {

            /** Copies the list. */
            public Sent {
                deliveries = List.copyOf(deliveries);
            }
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
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        email.addHeader(TestMailOutcomes.HEADER, id);
        try {
            server.send(email);
            return new Result.Sent(String.valueOf(server.getName()), outcomes.of(id));
        } catch (MailException e) {
            return new Result.NotSent(String.valueOf(e.getMessage()));
        }
    }
}
