package io.mailseal.confluence.storage;

import io.mailseal.MailsealException;
import java.nio.file.Path;

/**
 * The key file that encrypts Mailseal's stored secrets cannot be read or created. The message names the file and
 * never contains the key.
 *
 * <p>Immutable.
 */
public final class KeyFileException extends MailsealException {

    private static final long serialVersionUID = 1L;

    /** What went wrong with the key file. */
    public enum Code {
        /** The file does not exist (and was not to be created). */
        KEY_FILE_MISSING,
        /** The file exists but cannot be read, or its directory cannot be written. */
        KEY_FILE_INACCESSIBLE,
        /** The file does not hold one base64 AES-256 key. */
        KEY_FILE_MALFORMED
    }

    private final transient Path file;

    KeyFileException(Code code, Path file, String message, Throwable cause) {
        super(code, "secret key file " + file + ": " + message, cause);
        this.file = file;
    }

    /**
     * The key file.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }
}
