package io.mailseal.smtp;

/**
 * What the endpoint does with a message at the end of DATA (port). The Confluence plugin's sink encrypts the message
 * per recipient and sends the deliveries upstream; a test sink may just keep it.
 *
 * <p>Implementations must be thread-safe: every connection calls the same sink, on the client's thread.
 */
@FunctionalInterface
public interface MessageSink {

    /**
     * Takes one message.
     *
     * @param envelope the envelope
     * @param message  the message as the client sent it, dot-unstuffed, CRLF line ends, without the final dot line
     * @return the reply for the client: 250 when the message was handled (sent, or withheld by policy with its
     *         record), 451 when nothing was sent and the client should try again, 5xx when it must not
     */
    SmtpReply accept(Envelope envelope, byte[] message);
}
