package io.mailseal.keys.source;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySource;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.select.Selection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The admin's key store file: S/MIME certificates (PKCS#7 {@code .p7b} in DER or PEM, BKS) or OpenPGP keys (binary
 * keyring, armored file with any number of blocks, GnuPG keybox), recognised from the content.
 *
 * <p>The file is read once and indexed by e-mail address. On lookup, at most once per {@code recheckInterval}, the
 * file's modification time and size are compared with the last read; when they changed the file is read again, and
 * re-indexed only if its SHA-256 changed. A lookup never reads the file otherwise. A file that is missing, too large or
 * unreadable makes every lookup answer {@link SourceResponse.Status#ERROR} with the path and the reason; when a
 * broken file is replaced by a good one the next check picks it up.
 *
 * <p>Thread-safe: lookups read an immutable snapshot; one thread at a time reloads. Defaults: files up to 64 MiB,
 * rechecked every 5 seconds.
 *
 * @param <T> the parsed key type
 */
public final class KeyStoreFileSource<T> implements KeySource {

    /** The default largest file read. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** The default time between checks of the file's modification time and size. */
    public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(5);

    private final Path file;
    private final KeyFileFormat<T> format;
    private final Clock clock;
    private final long maxBytes;
    private final Duration recheckInterval;
    private final Object reloadLock = new Object();
    private volatile Snapshot<T> snapshot;

    /**
     * Creates the source; the file is read on the first lookup.
     *
     * @param file            the key store file, as seen from the server
     * @param format          how to read and check it
     * @param clock           time source for rechecks (and, through the format, for key validity)
     * @param maxBytes        the largest file read; larger files are an error
     * @param recheckInterval how often the file's modification time and size are compared
     */
    public KeyStoreFileSource(Path file, KeyFileFormat<T> format, Clock clock, long maxBytes, Duration recheckInterval) {
        this.file = Objects.requireNonNull(file, "file");
        this.format = Objects.requireNonNull(format, "format");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.recheckInterval = Objects.requireNonNull(recheckInterval, "recheckInterval");
    }

    /**
     * Creates the source with the defaults (64 MiB, recheck every 5 seconds).
     *
     * @param file   the key store file
     * @param format how to read and check it
     * @param clock  time source
     * @param <T>    the key type
     * @return the source
     */
    public static <T> KeyStoreFileSource<T> of(Path file, KeyFileFormat<T> format, Clock clock) {
        return new KeyStoreFileSource<>(file, format, clock, DEFAULT_MAX_BYTES, DEFAULT_RECHECK);
    }

    @Override
    public SourceName name() {
        return SourceName.KEYSTORE;
    }

    @Override
    public KeyType type() {
        return format.type();
    }

    @Override
    public SourceResponse lookup(EmailAddress address) {
        long start = System.nanoTime();
        Snapshot<T> current = current();
        if (current.error() != null) {
            return SourceResponse.error(SourceName.KEYSTORE, type(), "key store " + file + ": " + current.error(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        List<T> candidates = current.index().getOrDefault(address.canonical(), List.of());
        Selection selection = format.select(address, candidates);
        return SourceResponse.answered(SourceName.KEYSTORE, type(), selection.accepted(), selection.rejected(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * What the last read of the file gave: when, which format, how many keys, and the parts it skipped. For the
     * admin's "verify settings" page.
     *
     * @return the status; reads the file first if it has not been read yet
     */
    public Status status() {
        Snapshot<T> current = current();
        return new Status(file, current.readAt(), current.format(), current.keyCount(), current.problems(),
                current.error());
    }

    /**
     * What the admin sees of the key store file.
     *
     * @param file     the path
     * @param readAt   when it was last read
     * @param format   the detected format, or null if unreadable
     * @param keys     how many keys it holds
     * @param problems parts skipped and why
     * @param error    why it cannot be used, or null
     */
    public record Status(Path file, Instant readAt, String format, int keys, List<String> problems, String error) {

        /** Copies the problems. */
        public Status {
            problems = List.copyOf(problems);
        }
    }

    private Snapshot<T> current() {
        Snapshot<T> current = snapshot;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.checkedAt().plus(recheckInterval))) {
            return current;
        }
        synchronized (reloadLock) {
            current = snapshot;
            if (current != null && now.isBefore(current.checkedAt().plus(recheckInterval))) {
                return current;
            }
            snapshot = reload(current, now);
            return snapshot;
        }
    }

    private Snapshot<T> reload(Snapshot<T> previous, Instant now) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Snapshot.failed("file not found", now);
        } catch (IOException e) {
            return Snapshot.failed("cannot read: " + e.getMessage(), now);
        }
        if (!attributes.isRegularFile()) {
            return Snapshot.failed("not a regular file", now);
        }
        long modified = attributes.lastModifiedTime().toMillis();
        long size = attributes.size();
        if (previous != null && previous.error() == null && previous.modified() == modified && previous.size() == size) {
            return previous.checked(now);
        }
        if (size > maxBytes) {
            return Snapshot.failed("file of " + size + " bytes is larger than the limit of " + maxBytes, now);
        }
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            return Snapshot.failed("cannot read: " + e.getMessage(), now);
        }
        byte[] hash = sha256(data);
        if (previous != null && previous.error() == null && Arrays.equals(previous.hash(), hash)) {
            return new Snapshot<>(previous.index(), previous.format(), previous.keyCount(), previous.problems(), null,
                    modified, size, hash, previous.readAt(), now);
        }
        KeyFileFormat.Parsed<T> parsed = format.parse(data);
        if (parsed.error() != null) {
            return Snapshot.failed(parsed.error(), now);
        }
        Map<String, List<T>> index = new HashMap<>();
        for (T key : parsed.keys()) {
            for (String address : format.addresses(key)) {
                List<T> keys = index.computeIfAbsent(address.toLowerCase(Locale.ROOT), a -> new ArrayList<>());
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
        index.replaceAll((address, keys) -> List.copyOf(keys));
        return new Snapshot<>(Map.copyOf(index), parsed.format(), parsed.keys().size(), parsed.problems(), null,
                modified, size, hash, now, now);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private record Snapshot<T>(Map<String, List<T>> index, String format, int keyCount, List<String> problems,
                               String error, long modified, long size, byte[] hash, Instant readAt,
                               Instant checkedAt) {

        static <T> Snapshot<T> failed(String error, Instant now) {
            return new Snapshot<>(Map.of(), null, 0, List.of(), error, -1, -1, new byte[0], now, now);
        }

        Snapshot<T> checked(Instant now) {
            return new Snapshot<>(index, format, keyCount, problems, error, modified, size, hash, readAt, now);
        }
    }
}
