package io.mailseal.confluence.storage;

import com.atlassian.sal.api.ApplicationProperties;
import io.mailseal.crypto.CryptoRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 key that encrypts Mailseal's stored secrets, kept in a file in Confluence's shared home directory
 * ({@value #RELATIVE_PATH}), so every node of a cluster uses the same key, and never in the database that holds what
 * it encrypts. Without a shared home (a single node) the local home is used.
 *
 * <p>The file is created on first use, with owner-only permissions (0600, directory 0700) where the file system has
 * POSIX permissions; it holds the key in base64 under a comment line. Two nodes creating it at once agree on one key:
 * the file appears atomically (a hard link of a complete temporary file), and the node that loses reads the
 * winner's. A key file that others may read is used, with a warning in the log. Losing the file means the stored
 * secrets must be entered again: back it up with the home directory.
 *
 * <p>Thread-safe. The key is cached and read again when the file's size, time or identity changes (a restored
 * backup). Neither the key nor its bytes ever appear in {@link #toString()}, a message or the log.
 */
public final class HomeKeyFile {

    /** Where the file is, relative to the home directory. */
    public static final String RELATIVE_PATH = "mailseal/secrets.key";

    private static final Logger LOG = LoggerFactory.getLogger(HomeKeyFile.class);
    private static final int KEY_BYTES = 32;
    private static final int MAX_FILE_BYTES = 4096;
    private static final String COMMENT = "# Mailseal: the AES-256 key that encrypts the passwords in Mailseal's"
            + " settings. Keep it with the home directory's backup; without it they must be entered again.\n";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path file;
    private final SecureRandom random;
    private Cached cached;

    /**
     * Uses a key file at a given place.
     *
     * @param file   the key file; it need not exist yet
     * @param random where a new key comes from
     */
    public HomeKeyFile(Path file, SecureRandom random) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The key file of this Confluence: in the shared home, or in the local home where there is no shared home.
     *
     * @param applicationProperties the host's application properties
     * @param crypto                the plugin's crypto runtime (its randomness makes the key)
     * @return the key file
     * @throws IllegalStateException if Confluence reports no home directory at all
     */
    public static HomeKeyFile forHost(ApplicationProperties applicationProperties, CryptoRuntime crypto) {
        Path home = applicationProperties.getSharedHomeDirectory()
                .or(applicationProperties::getLocalHomeDirectory)
                .orElseThrow(() -> new IllegalStateException(
                        "Confluence reports neither a shared nor a local home directory for Mailseal's key file"));
        return new HomeKeyFile(home.resolve(RELATIVE_PATH), crypto.random());
    }

    /**
     * Where the key file is.
     *
     * @return its absolute path
     */
    public Path path() {
        return file;
    }

    /**
     * The key, if the file exists.
     *
     * @return the key, or empty if there is no file
     * @throws KeyFileException if the file exists but cannot be read or holds no key
     */
    synchronized Optional<Key> find() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            cached = null;
            return Optional.empty();
        } catch (IOException e) {
            throw new KeyFileException(KeyFileException.Code.KEY_FILE_INACCESSIBLE, file,
                    "cannot be read: " + e.getClass().getSimpleName(), e);
        }
        Stamp stamp = new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey());
        if (cached != null && cached.stamp().equals(stamp)) {
            return Optional.of(cached.key());
        }
        Key key = read(attributes);
        cached = new Cached(stamp, key);
        return Optional.of(key);
    }

    /**
     * The key, creating the file with a new random key first if there is none.
     *
     * @return the key
     * @throws KeyFileException if the file cannot be read or created
     */
    synchronized Key findOrCreate() {
        Optional<Key> existing = find();
        if (existing.isPresent()) {
            return existing.get();
        }
        create();
        return find().orElseThrow(() -> new KeyFileException(KeyFileException.Code.KEY_FILE_MISSING, file,
                "was created but has disappeared", null));
    }

    @Override
    public String toString() {
        return "HomeKeyFile[" + file + "]";
    }

    private Key read(BasicFileAttributes attributes) {
        if (!attributes.isRegularFile()) {
            throw new KeyFileException(KeyFileException.Code.KEY_FILE_MALFORMED, file, "is not a regular file", null);
        }
        if (attributes.size() > MAX_FILE_BYTES) {
            throw new KeyFileException(KeyFileException.Code.KEY_FILE_MALFORMED, file,
                    "is larger than " + MAX_FILE_BYTES + " bytes; it is not a Mailseal key file", null);
        }
        warnIfOthersMayRead();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new KeyFileException(KeyFileException.Code.KEY_FILE_INACCESSIBLE, file,
                    "cannot be read: " + e.getClass().getSimpleName(), e);
        }
        byte[] bytes;
        try {
            bytes = lines.size() == 1 ? Base64.getDecoder().decode(lines.get(0)) : new byte[0];
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != KEY_BYTES) {
            throw new KeyFileException(KeyFileException.Code.KEY_FILE_MALFORMED, file,
                    "does not hold one base64 line of a " + KEY_BYTES * 8 + "-bit key", null);
        }
        try {
            return new Key(new SecretKeySpec(bytes, "AES"), keyId(bytes));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private void create() {
        Path directory = file.getParent();
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path temporary = null;
        byte[] key = new byte[KEY_BYTES];
        try {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                temporary = Files.createTempFile(directory, ".secrets-", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } else {
                Files.createDirectories(directory);
                temporary = Files.createTempFile(directory, ".secrets-", ".tmp", new FileAttribute<?>[0]);
                LOG.warn("Mailseal's secret key file {} is on a file system without POSIX permissions; restrict"
                        + " access to the Confluence user by hand", file);
            }
            random.nextBytes(key);
            Files.write(temporary, (COMMENT + Base64.getEncoder().encodeToString(key) + "\n")
                    .getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            publish(temporary);
        } catch (IOException e) {
            throw new KeyFileException(KeyFileException.Code.KEY_FILE_INACCESSIBLE, file,
                    "cannot be created: " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    LOG.warn("Mailseal could not delete its temporary key file {}", temporary);
                }
            }
        }
    }

    /** Makes the complete temporary file appear under the key file's name, unless another node was first. */
    private void publish(Path temporary) throws IOException {
        try {
            Files.createLink(file, temporary);
            LOG.info("Mailseal created its secret key file {}", file);
        } catch (FileAlreadyExistsException e) {
            LOG.info("Mailseal uses the secret key file {} another node created at the same time", file);
        } catch (UnsupportedOperationException | FileSystemException e) {
            try {
                Files.move(temporary, file);
                LOG.info("Mailseal created its secret key file {}", file);
            } catch (FileAlreadyExistsException raced) {
                LOG.info("Mailseal uses the secret key file {} another node created at the same time", file);
            }
        }
    }

    private void warnIfOthersMayRead() {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY_FILE.containsAll(permissions)) {
                    LOG.warn("Mailseal's secret key file {} may be read by others ({}); make it 0600",
                            file, PosixFilePermissions.toString(permissions));
                }
            }
        } catch (IOException e) {
            // the read that follows reports it
        }
    }

    private static String keyId(byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("mailseal key id\0".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(Arrays.copyOf(digest.digest(key), Key.ID_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * A loaded key and its public id (the first bytes of a SHA-256 of it, to tell keys apart in messages).
     *
     * @param secretKey the AES key
     * @param id        the key id in hex
     */
    record Key(SecretKey secretKey, String id) {

        /** The length of a key id, in bytes. */
        static final int ID_BYTES = 4;

        /** Never the key. */
        @Override
        public String toString() {
            return "Key[id=" + id + "]";
        }
    }

    private record Stamp(long size, long modified, Object fileKey) {
    }

    private record Cached(Stamp stamp, Key key) {
    }
}
