package io.mailseal.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One SMTP reply: a three-digit code and a one-line text.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code the reply code, 200 to 599
 * @param text the text; line breaks are replaced by spaces on the wire
 */
public record SmtpReply(int code, String text) {

    /** Validates. */
    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("not an SMTP reply code: " + code);
        }
        Objects.requireNonNull(text, "text");
    }

    /**
     * A 250 reply.
     *
     * @param text the text
     * @return the reply
     */
    public static SmtpReply ok(String text) {
        return new SmtpReply(250, text);
    }

    /**
     * A 451 reply: try again later, nothing was sent.
     *
     * @param text why
     * @return the reply
     */
    public static SmtpReply retryLater(String text) {
        return new SmtpReply(451, text);
    }

    /**
     * Whether the client should consider the message accepted.
     *
     * @return true for 2xx
     */
    public boolean positive() {
        return code < 300;
    }

    /**
     * The reply as sent: {@code code SP text CRLF}, in US-ASCII (other characters become '?').
     *
     * @return the bytes
     */
    public byte[] wire() {
        String line = code + " " + text.replaceAll("[\r\n]+", " ");
        return (line.length() > 510 ? line.substring(0, 510) : line).concat("\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
