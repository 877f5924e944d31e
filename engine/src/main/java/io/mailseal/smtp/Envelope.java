package io.mailseal.smtp;

import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of one message: the reverse path of MAIL FROM and the forward paths of RCPT TO, as the client gave
 * them without the angle brackets and parameters.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sender     the MAIL FROM address; empty for the null reverse path {@code <>}
 * @param recipients the RCPT TO addresses in the order given; never empty
 */
public record Envelope(String sender, List<String> recipients) {

    /** Validates and copies. */
    public Envelope {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
    }
}
