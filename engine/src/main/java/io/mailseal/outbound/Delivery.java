package io.mailseal.outbound;

import io.mailseal.keys.EmailAddress;
import java.util.List;
import java.util.Objects;

/**
 * One message to send (or a recipient group that gets nothing), with what was done and why.
 *
 * <p>Immutable and thread-safe (the bytes are copied in and out).
 *
 * @param recipients the envelope recipients of this message
 * @param action     what was done
 * @param keyIds     the keys encrypted to (certificate serials, PGP fingerprints), including a sender copy
 * @param message    the RFC 5322 bytes to send, CRLF line ends; null for {@link Action#WITHHELD}
 * @param reason     why (the policy's reason), or null for an ordinary encrypted delivery
 */
public record Delivery(List<EmailAddress> recipients, Action action, List<String> keyIds, byte[] message,
                       String reason) {

    /** What was done with a recipient group. */
    public enum Action {
        /** Encrypted with S/MIME (and signed if signing is on). */
        ENCRYPTED_SMIME,
        /** Encrypted with PGP/MIME (and signed if signing is on). */
        ENCRYPTED_PGP,
        /** Sent signed but not encrypted (exempt, or plaintext allowed by the fallback). */
        SIGNED,
        /** Sent as it was (exempt, or plaintext allowed by the fallback). */
        PLAIN,
        /** A problem report went to the recipient instead of the message. */
        PROBLEM_REPORT,
        /** Nothing was sent (policy: do not send). */
        WITHHELD
    }

    /** Validates and copies. */
    public Delivery {
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(action, "action");
        keyIds = List.copyOf(keyIds);
        if ((message == null) != (action == Action.WITHHELD)) {
            throw new IllegalArgumentException(action + " with" + (message == null ? "out" : "") + " a message");
        }
        message = message == null ? null : message.clone();
    }

    @Override
    public byte[] message() {
        return message == null ? null : message.clone();
    }
}
