package io.mailseal.confluence.mail;

import com.atlassian.mail.server.SMTPMailServer;
import com.atlassian.mail.server.auth.AuthenticationContext;
import io.mailseal.keys.EmailAddress;
import io.mailseal.outbound.Delivery;
import io.mailseal.outbound.OutboundProcessor;
import io.mailseal.outbound.Outcome;
import io.mailseal.settings.Checked;
import io.mailseal.smtp.Envelope;
import io.mailseal.smtp.SmtpReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a message at the end of DATA, on Confluence's sending thread: the outbound processor turns it into
 * deliveries under the current policy, and each delivery goes upstream through the server it was meant for.
 *
 * <p>Replies: 250 when every recipient was handled (sent, withheld by policy, or refused for good by the upstream
 * server for some recipients while others got it: those are logged and counted, never silent); 451 when nothing may
 * be sent now (a key source or the upstream server is unavailable, the settings are invalid), so Confluence keeps the
 * mail and retries; 554 when the message can never be sent (it does not parse, or the upstream server refuses every
 * recipient).
 *
 * <p>Thread-safe: stateless apart from the thread-safe counters.
 */
public final class MailPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(MailPipeline.class);

    private final OutboundSource outbound;
    private final JavaMailUpstream upstream;
    private final MailCounters counters;
    private final TestMailOutcomes testMails = new TestMailOutcomes();

    /**
     * A pipeline.
     *
     * @param outbound the processor for the current settings
     * @param upstream sends deliveries to the real server
     * @param counters what was done, for the status screen
     */
    public MailPipeline(OutboundSource outbound, JavaMailUpstream upstream, MailCounters counters) {
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /**
     * The counters this pipeline updates.
     *
     * @return the counters
     */
    public MailCounters counters() {
        return counters;
    }

    /**
     * What this pipeline did with the admin's test mails.
     *
     * @return the outcomes by test id
     */
    public TestMailOutcomes testMails() {
        return testMails;
    }

    /**
     * The sender this pipeline uses for upstream deliveries.
     *
     * @return the upstream sender
     */
    public JavaMailUpstream upstream() {
        return upstream;
    }

    /**
     * Handles one message for one server.
     *
     * @param server   the Confluence SMTP server the message was sent to
     * @param original the server's own authentication context
     * @param envelope the envelope
     * @param message  the message bytes
     * @return the reply for Confluence's transport
     */
    public SmtpReply handle(SMTPMailServer server, AuthenticationContext original, Envelope envelope, byte[] message) {
        return handle((from, to, bytes) -> upstream.send(server, original, from, to, bytes), envelope, message);
    }

    /** Where the deliveries of one message go. */
    @FunctionalInterface
    public interface Upstream {
        /**
         * Sends one delivery.
         *
         * @param envelopeFrom the MAIL FROM address
         * @param recipients   the recipients
         * @param message      the bytes
         * @return the result
         */
        JavaMailUpstream.Result send(String envelopeFrom, List<EmailAddress> recipients, byte[] message);
    }

    /**
     * Handles one message whose deliveries go to the given upstream (relay mode).
     *
     * @param target   where deliveries go
     * @param envelope the envelope
     * @param message  the message bytes
     * @return the reply for the client
     */
    public SmtpReply handle(Upstream target, Envelope envelope, byte[] message) {
        Checked<OutboundProcessor> processor = outbound.current();
        if (processor instanceof Checked.Invalid<OutboundProcessor> invalid) {
            counters.retried();
            LOG.error("Mailseal holds mail back: its settings are invalid: {}", invalid.problems());
            return SmtpReply.retryLater("4.3.5 Mailseal's settings are invalid; the mail is kept for a retry");
        }
        List<EmailAddress> recipients = new ArrayList<>();
        for (String recipient : envelope.recipients()) {
            Optional<EmailAddress> address = EmailAddress.find(recipient);
            if (address.isEmpty()) {
                return new SmtpReply(554, "5.1.3 not an e-mail address: " + recipient);
            }
            recipients.add(address.get());
        }
        EmailAddress sender = EmailAddress.find(envelope.sender()).orElse(null);
        Outcome outcome = ((Checked.Valid<OutboundProcessor>) processor).get().process(message, sender, recipients);
        if (outcome instanceof Outcome.Retry retry) {
            counters.retried();
            LOG.warn("Mailseal holds a mail to {} back for a retry: {}", recipients, retry.reason());
            return SmtpReply.retryLater("4.4.3 " + retry.reason());
        }
        if (outcome instanceof Outcome.Invalid invalid) {
            LOG.error("Mailseal cannot send a mail to {}: {}", recipients, invalid.reason());
            return new SmtpReply(554, "5.6.0 " + invalid.reason());
        }
        return deliver(target, envelope.sender(), ((Outcome.Processed) outcome).deliveries(),
                TestMailOutcomes.testId(message).orElse(null));
    }

    private SmtpReply deliver(Upstream target, String envelopeFrom, List<Delivery> deliveries, String testId) {
        boolean anySent = false;
        List<String> refused = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.action() == Delivery.Action.WITHHELD) {
                counters.delivered(Delivery.Action.WITHHELD);
                note(testId, delivery, "");
                LOG.warn("Mailseal withheld a mail to {} (policy: do not send unencrypted): {}",
                        delivery.recipients(), delivery.reason());
                continue;
            }
            JavaMailUpstream.Result result = target.send(envelopeFrom, delivery.recipients(), delivery.message());
            if (result instanceof JavaMailUpstream.Result.Unavailable unavailable) {
                counters.retried();
                note(testId, delivery, unavailable.reason());
                LOG.warn("Mailseal could not reach the mail server, the mail is kept for a retry{}: {}",
                        anySent ? " (some recipients already got it and may get it twice)" : "", unavailable.reason());
                return SmtpReply.retryLater("4.4.1 upstream mail server unavailable: " + unavailable.reason());
            }
            if (result instanceof JavaMailUpstream.Result.Refused rejected) {
                counters.failed();
                refused.add(rejected.reply());
                note(testId, delivery, rejected.reply());
                LOG.error("The mail server refused {} for a mail Mailseal sent as {}: {}", rejected.rejected(),
                        delivery.action(), rejected.reply());
                anySent |= rejected.someSent();
                continue;
            }
            counters.delivered(delivery.action());
            note(testId, delivery, "");
            anySent = true;
        }
        if (!refused.isEmpty() && !anySent) {
            return new SmtpReply(554, "5.1.1 the mail server refused every recipient: "
                    + refused.stream().collect(Collectors.joining("; ")));
        }
        return SmtpReply.ok("2.0.0 handled by Mailseal" + (refused.isEmpty() ? ""
                : "; refused by the mail server: " + String.join("; ", refused)));
    }

    private void note(String testId, Delivery delivery, String problem) {
        if (testId != null) {
            testMails.add(testId, new TestMailOutcomes.Outcome(delivery.action(), delivery.keyIds(),
                    delivery.reason(), problem));
        }
    }
}
