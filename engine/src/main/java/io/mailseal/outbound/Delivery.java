package io.mailseal.outbound;

import io.mailseal.keys.EmailAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One message to send (or a recipient group that gets nothing), with what was done and why.
 *
 * <p>Immutable and thread-safe. The message bytes are held once (a 50 MB message is not copied per accessor call):
 * send them with {@link #writeMessageTo(OutputStream)}; {@link #message()} returns a copy.
 */
public final class Delivery {

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
        /** Nothing was sent (policy: do not send; a rule's {@code me}, {@code fe} or {@code fs}). */
        WITHHELD,
        /** A rule's {@code swm}: a notice without content, with a link to the content in Confluence. */
        WEB_NOTICE,
        /** A rule's {@code pdf}: the text in a password-protected PDF. */
        PDF,
        /** A rule's {@code zip}: the message in a password-protected ZIP. */
        ZIP,
        /** A rule's {@code notify}: the sender got a notice of what was done. */
        SENDER_NOTICE
    }

    private final List<EmailAddress> recipients;
    private final Action action;
    private final List<String> keyIds;
    private final byte[] buffer;
    private final int length;
    private final String reason;

    /**
     * Creates a delivery; takes ownership of the buffer (the caller must not change it afterwards).
     *
     * @param recipients the envelope recipients of this message
     * @param action     what was done
     * @param keyIds     the keys encrypted to (certificate serials, PGP fingerprints), including a sender copy
     * @param buffer     holds the RFC 5322 message in its first {@code length} bytes; null for {@link Action#WITHHELD}
     * @param length     how many bytes of the buffer are the message
     * @param reason     why (the policy's reason), or null for an ordinary encrypted delivery
     */
    Delivery(List<EmailAddress> recipients, Action action, List<String> keyIds, byte[] buffer, int length,
             String reason) {
        this.recipients = List.copyOf(recipients);
        this.action = Objects.requireNonNull(action, "action");
        this.keyIds = List.copyOf(keyIds);
        if ((buffer == null) != (action == Action.WITHHELD)) {
            throw new IllegalArgumentException(action + " with" + (buffer == null ? "out" : "") + " a message");
        }
        if (buffer != null && (length < 0 || length > buffer.length)) {
            throw new IllegalArgumentException("length " + length + " outside the buffer");
        }
        this.buffer = buffer;
        this.length = buffer == null ? 0 : length;
        this.reason = reason;
    }

    /** A delivery whose message is the whole array. */
    static Delivery of(List<EmailAddress> recipients, Action action, List<String> keyIds, byte[] message,
                       String reason) {
        return new Delivery(recipients, action, keyIds, message, message == null ? 0 : message.length, reason);
    }

    /**
     * The envelope recipients of this message.
     *
     * @return the recipients
     */
    public List<EmailAddress> recipients() {
        return recipients;
    }

    /**
     * What was done.
     *
     * @return the action
     */
    public Action action() {
        return action;
    }

    /**
     * The keys encrypted to.
     *
     * @return certificate serials or PGP fingerprints
     */
    public List<String> keyIds() {
        return keyIds;
    }

    /**
     * Why, for anything but an ordinary encrypted delivery.
     *
     * @return the reason, or null
     */
    public String reason() {
        return reason;
    }

    /**
     * A copy of the message.
     *
     * @return the RFC 5322 bytes, CRLF line ends; null for {@link Action#WITHHELD}
     */
    public byte[] message() {
        return buffer == null ? null : Arrays.copyOf(buffer, length);
    }

    /**
     * The message's size.
     *
     * @return bytes; 0 for {@link Action#WITHHELD}
     */
    public int messageSize() {
        return length;
    }

    /**
     * Writes the message without copying it.
     *
     * @param out where to
     * @throws IOException if writing fails
     */
    public void writeMessageTo(OutputStream out) throws IOException {
        if (buffer != null) {
            out.write(buffer, 0, length);
        }
    }

    @Override
    public String toString() {
        return "Delivery[" + action + " to " + recipients + ", " + length + " bytes"
                + (reason == null ? "" : ", " + reason) + "]";
    }
}
