package io.mailseal.sandbox.mail;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import javax.mail.MessagingException;
import javax.mail.internet.ContentType;
import javax.mail.internet.InternetHeaders;
import javax.mail.internet.ParseException;

/**
 * What kind of message arrived, from its top-level headers.
 */
public enum MailKind {

    /** {@code application/pkcs7-mime} with {@code smime-type=enveloped-data} (or authEnveloped-data). */
    SMIME_ENCRYPTED("S/MIME encrypted"),
    /** {@code multipart/encrypted} with {@code protocol="application/pgp-encrypted"} (RFC 3156). */
    PGP_ENCRYPTED("PGP encrypted"),
    /** {@code multipart/signed}, or S/MIME {@code signed-data}, not encrypted. */
    SIGNED("signed"),
    /** Mailseal's notice instead of a message that needed a key nobody had. */
    PROBLEM_REPORT("problem report"),
    /** Anything else: the message left in clear. */
    PLAIN("plain");

    /** The subject Mailseal gives its problem reports. */
    static final String PROBLEM_REPORT_SUBJECT = "Message could not be delivered encrypted";

    private final String label;

    MailKind(String label) {
        this.label = label;
    }

    /**
     * The kind in words, as the mailbox shows it.
     *
     * @return e.g. "S/MIME encrypted"
     */
    public String label() {
        return label;
    }

    /**
     * Tells the kind of a raw message.
     *
     * @param raw the message as received
     * @return its kind; {@link #PLAIN} for anything unreadable
     */
    public static MailKind of(byte[] raw) {
        InternetHeaders headers;
        try {
            headers = new InternetHeaders(new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            return PLAIN;
        }
        ContentType type;
        try {
            String header = headers.getHeader("Content-Type", null);
            type = new ContentType(header == null ? "text/plain" : header);
        } catch (ParseException e) {
            return PLAIN;
        }
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        String smimeType = lower(type.getParameter("smime-type"));
        if (base.equals("application/pkcs7-mime") || base.equals("application/x-pkcs7-mime")) {
            return smimeType.equals("signed-data") ? SIGNED : SMIME_ENCRYPTED;
        }
        if (base.equals("multipart/encrypted") && lower(type.getParameter("protocol")).equals("application/pgp-encrypted")) {
            return PGP_ENCRYPTED;
        }
        if (base.equals("multipart/signed")) {
            return SIGNED;
        }
        String autoSubmitted = lower(headers.getHeader("Auto-Submitted", null));
        String messageId = lower(headers.getHeader("Message-ID", null));
        String subject = headers.getHeader("Subject", null);
        if (autoSubmitted.startsWith("auto-generated") && (messageId.endsWith("@mailseal.invalid>")
                || PROBLEM_REPORT_SUBJECT.equals(subject == null ? null : subject.strip()))) {
            return PROBLEM_REPORT;
        }
        return PLAIN;
    }

    private static String lower(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }
}
