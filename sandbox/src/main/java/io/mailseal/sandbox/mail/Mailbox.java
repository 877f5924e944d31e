package io.mailseal.sandbox.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import javax.mail.MessagingException;
import javax.mail.internet.InternetHeaders;
import javax.mail.internet.MimeUtility;

/**
 * Every message the SMTP sink received, kept in a directory so that it survives restarts: message {@code N} is
 * {@code N.eml} (the bytes as received) with its envelope in {@code N.properties}. Listed newest first.
 *
 * <p>Thread-safe: arrivals and listings are synchronized.
 */
public final class Mailbox {

    private final Path directory;
    private final Clock clock;
    private final List<StoredMail> messages = new ArrayList<>();
    private long lastId;

    private Mailbox(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Opens the mailbox of a directory, reading the messages already there.
     *
     * @param directory the directory; created if missing
     * @param clock     gives arrival times
     * @return the mailbox
     * @throws IOException if the directory cannot be read
     */
    public static Mailbox open(Path directory, Clock clock) throws IOException {
        Files.createDirectories(directory);
        Mailbox mailbox = new Mailbox(directory, Objects.requireNonNull(clock, "clock"));
        try (Stream<Path> files = Files.list(directory)) {
            for (Path envelope : files.filter(f -> f.getFileName().toString().endsWith(".properties")).toList()) {
                mailbox.load(envelope).ifPresent(mailbox.messages::add);
            }
        }
        mailbox.messages.sort(Comparator.comparingLong(StoredMail::id));
        mailbox.lastId = mailbox.messages.isEmpty() ? 0 : mailbox.messages.get(mailbox.messages.size() - 1).id();
        return mailbox;
    }

    /**
     * Keeps a message that arrived.
     *
     * @param from       the envelope sender
     * @param recipients the envelope recipients
     * @param raw        the message
     * @return what was stored
     * @throws UncheckedIOException if it cannot be written
     */
    public synchronized StoredMail receive(String from, List<String> recipients, byte[] raw) {
        long id = lastId + 1;
        Path eml = directory.resolve(id + ".eml");
        Instant received = clock.instant();
        Properties envelope = new Properties();
        envelope.setProperty("from", from);
        envelope.setProperty("recipients", String.join(",", recipients));
        envelope.setProperty("received", received.toString());
        try {
            write(eml, raw);
            Path properties = directory.resolve(id + ".properties");
            Path temporary = directory.resolve(id + ".properties.tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                envelope.store(out, "envelope of " + eml.getFileName());
            }
            Files.move(temporary, properties, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store message " + id + " in " + directory, e);
        }
        StoredMail mail = new StoredMail(id, received, from, recipients, subject(raw), MailKind.of(raw), raw.length,
                eml);
        messages.add(mail);
        lastId = id;
        notifyAll();
        return mail;
    }

    /**
     * Every message, newest first.
     *
     * @return a snapshot
     */
    public synchronized List<StoredMail> messages() {
        List<StoredMail> newestFirst = new ArrayList<>(messages);
        newestFirst.sort(Comparator.comparingLong(StoredMail::id).reversed());
        return newestFirst;
    }

    /**
     * A message by number.
     *
     * @param id its number
     * @return the message, if the mailbox has it
     */
    public synchronized Optional<StoredMail> message(long id) {
        return messages.stream().filter(m -> m.id() == id).findFirst();
    }

    /**
     * The raw bytes of a message.
     *
     * @param mail the message
     * @return its bytes as received
     * @throws UncheckedIOException if the file cannot be read
     */
    public byte[] raw(StoredMail mail) {
        try {
            return Files.readAllBytes(mail.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + mail.file(), e);
        }
    }

    /**
     * Waits until the mailbox holds at least a number of messages (for tests and scripts; no polling).
     *
     * @param count        how many
     * @param timeoutMillis how long to wait at most
     * @return whether it holds that many now
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized boolean awaitCount(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (messages.size() < count) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private Optional<StoredMail> load(Path envelopeFile) {
        String name = envelopeFile.getFileName().toString();
        long id;
        try {
            id = Long.parseLong(name.substring(0, name.length() - ".properties".length()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Path eml = directory.resolve(id + ".eml");
        if (!Files.isRegularFile(eml)) {
            return Optional.empty();
        }
        Properties envelope = new Properties();
        try (InputStream in = Files.newInputStream(envelopeFile)) {
            envelope.load(in);
            byte[] raw = Files.readAllBytes(eml);
            String recipients = envelope.getProperty("recipients", "");
            return Optional.of(new StoredMail(id, Instant.parse(envelope.getProperty("received")),
                    envelope.getProperty("from", ""),
                    recipients.isEmpty() ? List.of() : List.of(recipients.split(",")), subject(raw),
                    MailKind.of(raw), raw.length, eml));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String subject(byte[] raw) {
        try {
            InternetHeaders headers = new InternetHeaders(new java.io.ByteArrayInputStream(raw));
            String subject = headers.getHeader("Subject", " ");
            if (subject == null) {
                return "";
            }
            return MimeUtility.decodeText(MimeUtility.unfold(subject)).strip();
        } catch (MessagingException | UnsupportedEncodingException e) {
            return "";
        }
    }
}
