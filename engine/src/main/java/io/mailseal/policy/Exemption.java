package io.mailseal.policy;

import io.mailseal.keys.EmailAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A rule that lets chosen mail go unencrypted. Every condition that is set must hold (AND); a condition that is not
 * set matches anything. Addresses match exactly (ignoring case); an entry {@code @example.com} or {@code example.com}
 * matches every address of that domain.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name        shown in logs and reports, e.g. "Confluence account mails"
 * @param senders     sender addresses or domains; empty for any
 * @param recipients  recipient addresses or domains; empty for any
 * @param subject     a regular expression searched in the subject; null for any
 * @param header      a header name whose presence is required; null for none
 * @param headerValue a regular expression searched in that header's values; null for any value
 * @param unlessHeader a header name whose presence prevents the match; null for none
 */
public record Exemption(String name, List<String> senders, List<String> recipients, Pattern subject, String header,
                        Pattern headerValue, String unlessHeader) {

    /**
     * The header Confluence puts on every content notification (page, blog post, comment). The ready rule for
     * account mails never matches a message that carries it, so no page content is ever exempted by a subject that
     * happens to read like an account mail.
     */
    public static final String CONFLUENCE_NOTIFICATION_HEADER = "X-ATLASSIAN-NOTIFICATIONS-VERSION";

    /** The built-in subjects of the account-mail rule (English). */
    public static final Pattern ACCOUNT_MAIL_SUBJECTS = Pattern.compile(
            "(?i)(\\breset\\b.{0,40}\\bpassword\\b|\\bpassword\\b.{0,20}\\breset\\b"
                    + "|\\bforgot(ten)?\\b.{0,20}\\bpassword\\b|\\bsign[ -]?up\\b|\\b(confirm|verify)\\b.{0,20}\\be-?mail\\b)");

    /**
     * The ready rule for Confluence's account mails (password reset, sign-up and e-mail confirmation), which an
     * admin may enable so that users without a key can still get into their account. It matches on the subject;
     * check the subjects your Confluence sends (they depend on its language) before enabling it.
     */
    public static final Exemption CONFLUENCE_ACCOUNT_MAILS = confluenceAccountMails(ACCOUNT_MAIL_SUBJECTS);

    /**
     * The ready rule for account mails with the admin's own subject pattern (for a Confluence in another language).
     *
     * @param subjects a pattern searched in the subject
     * @return the rule; it never matches a content notification
     */
    public static Exemption confluenceAccountMails(Pattern subjects) {
        return new Exemption("Confluence account mails", List.of(), List.of(), Objects.requireNonNull(subjects),
                null, null, CONFLUENCE_NOTIFICATION_HEADER);
    }

    /** Validates and copies. */
    public Exemption {
        Objects.requireNonNull(name, "name");
        senders = List.copyOf(senders);
        recipients = List.copyOf(recipients);
        if (headerValue != null && header == null) {
            throw new IllegalArgumentException("exemption '" + name + "': a header value needs a header name");
        }
    }

    /**
     * Whether the rule exempts this recipient of this message.
     *
     * @param message   the message's facts
     * @param recipient one recipient
     * @return true if every condition holds
     */
    public boolean matches(MessageFacts message, EmailAddress recipient) {
        if (!senders.isEmpty() && (message.sender() == null || !matchesAny(senders, message.sender()))) {
            return false;
        }
        if (!recipients.isEmpty() && !matchesAny(recipients, recipient)) {
            return false;
        }
        if (unlessHeader != null && !message.header(unlessHeader).isEmpty()) {
            return false;
        }
        if (subject != null && !subject.matcher(message.subject()).find()) {
            return false;
        }
        if (header != null) {
            List<String> values = message.header(header);
            if (values.isEmpty()) {
                return false;
            }
            return headerValue == null || values.stream().anyMatch(v -> headerValue.matcher(v).find());
        }
        return true;
    }

    private static boolean matchesAny(List<String> entries, EmailAddress address) {
        for (String entry : entries) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            if (e.contains("@") && !e.startsWith("@") ? address.canonical().equals(e)
                    : address.domain().equals(e.startsWith("@") ? e.substring(1) : e)) {
                return true;
            }
        }
        return false;
    }
}
