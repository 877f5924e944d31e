package io.mailseal.confluence.jobs;

import com.atlassian.mail.Email;
import com.atlassian.mail.MailException;
import com.atlassian.mail.server.MailServerManager;
import com.atlassian.mail.server.SMTPMailServer;
import io.mailseal.keys.EmailAddress;
import io.mailseal.use.sync.SmimeReport;
import io.mailseal.use.sync.SyncReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/**
 * Sends a USE sync report (and the S/MIME transactional report) through Confluence's default SMTP server, as any Confluence mail goes: Mailseal's own mail
 * hook sees it and encrypts it per recipient if the policy says so. The report's text and attachments are the
 * engine's {@link SyncReport#toMime} multipart.
 *
 * <p>Thread-safe: no state of its own besides the injected services.
 */
public final class SyncReportMailer {

    /** What sending gave. */
    public sealed interface Result {

        /**
         * Confluence's mail server took the report.
         *
         * @param server the server's name
         */
        record Sent(String server) implements Result {
        }

        /**
         * The report did not go out.
         *
         * @param reason why, naming the server or the missing part; never a secret
         */
        record NotSent(String reason) implements Result {
        }
    }

    private final MailServerManager manager;
    private final Clock clock;

    /**
     * Creates the mailer.
     *
     * @param manager Confluence's mail servers
     * @param clock   the Date header
     */
    public SyncReportMailer(MailServerManager manager, Clock clock) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The sender reports get: the configured one, else the default sender of Confluence's SMTP server.
     *
     * @param configured the admin's choice
     * @return the sender; empty when neither is set
     */
    public Optional<EmailAddress> sender(Optional<EmailAddress> configured) {
        if (configured.isPresent()) {
            return configured;
        }
        SMTPMailServer server = manager.getDefaultSMTPMailServer();
        if (server == null || server.getDefaultFrom() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(EmailAddress.parse(server.getDefaultFrom()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Sends a report to its report recipients (its bcc recipients as Bcc). The admin recipients are for the S/MIME
     * mails of a later issue, not for reports.
     *
     * @param report the report
     * @param from   the sender
     * @return sent, or why not
     */
    public Result send(SyncReport report, EmailAddress from) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(from, "from");
        Set<EmailAddress> to = new LinkedHashSet<>(report.recipients().report());
        if (to.isEmpty() && report.recipients().bcc().isEmpty()) {
            return new Result.NotSent("no report recipients are set");
        }
        return send(to, report.recipients().bcc(), report.subject(), "report",
                () -> report.toMime(from, clock.instant()), from);
    }

    /**
     * Sends an S/MIME transactional report to {@link SmimeReport#recipients()} (its recipients, and the admins when
     * they must act). The mail carries the public certificates' zip and the instructions CSV, never a private key.
     *
     * @param report the report
     * @param from   the sender
     * @return sent, or why not
     */
    public Result send(SmimeReport report, EmailAddress from) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(from, "from");
        List<EmailAddress> to = report.recipients();
        if (to.isEmpty()) {
            return new Result.NotSent("no S/MIME report recipients are set");
        }
        return send(to, List.of(), report.subject(), "S/MIME report", () -> report.toMime(from, clock.instant()),
                from);
    }

    private Result send(Collection<EmailAddress> to, Collection<EmailAddress> bcc, String subject, String what,
                        Supplier<byte[]> mime, EmailAddress from) {
        // JavaMail finds its content handlers (multipart/mixed) through the context class loader's META-INF/mailcap;
        // on the plugin's own threads (Run now, scheduled runs) that is the bundle's loader, which cannot see it, and
        // getContent() gives a stream instead of the Multipart
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            return sendWithJavaMailsLoader(to, bcc, subject, what, mime, from);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private Result sendWithJavaMailsLoader(Collection<EmailAddress> to, Collection<EmailAddress> bcc, String subject,
                                           String what, Supplier<byte[]> mime, EmailAddress from) {
        SMTPMailServer server = manager.getDefaultSMTPMailServer();
        if (server == null) {
            return new Result.NotSent("Confluence has no default SMTP server");
        }
        Multipart content;
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()),
                    new ByteArrayInputStream(mime.get()));
            content = (Multipart) message.getContent();
        } catch (MessagingException | IOException e) {
            return new Result.NotSent("the " + what + " mail cannot be built: " + e.getMessage());
        }
        Email email = new Email(join(to));
        if (!bcc.isEmpty()) {
            email.setBcc(join(bcc));
        }
        email.setFrom(from.value());
        email.setSubject(subject);
        email.setMultipart(content);
        email.setExcludeSubjectPrefix(true);
        try {
            server.send(email);
            return new Result.Sent(String.valueOf(server.getName()));
        } catch (MailException e) {
            return new Result.NotSent("mail server " + server.getName() + " refused the " + what + ": "
                    + e.getMessage());
        } catch (RuntimeException e) {
            return new Result.NotSent("sending through mail server " + server.getName() + " failed: "
                    + e.getClass().getSimpleName());
        }
    }

    private static String join(java.util.Collection<EmailAddress> addresses) {
        return addresses.stream().map(EmailAddress::value).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "SyncReportMailer";
    }
}
