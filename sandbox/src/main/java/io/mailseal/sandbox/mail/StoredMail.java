package io.mailseal.sandbox.mail;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message the sink received, as the mailbox lists it; the raw message is in {@link #file()}.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param id         its number, increasing with arrival
 * @param received   when it arrived
 * @param from       the envelope sender ({@code MAIL FROM}); empty for the null sender
 * @param recipients the envelope recipients ({@code RCPT TO})
 * @param subject    its decoded Subject, or empty
 * @param kind       what kind of message it is
 * @param size       its size in bytes
 * @param file       where the raw message ({@code .eml}) is stored
 */
public record StoredMail(long id, Instant received, String from, List<String> recipients, String subject,
                         MailKind kind, long size, Path file) {

    /** Checks and copies the components. */
    public StoredMail {
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(from, "from");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
    }
}
