package io.mailseal.crypto.pgp;

import io.mailseal.MailsealException;

/**
 * A PGP/MIME operation failed for a reason other than I/O: a recipient key that cannot be used as given, or a failure
 * inside the cryptographic libraries.
 *
 * <p>Unchecked: these are operational failures with a stable {@link #code()}; the message names the subject (key
 * fingerprint, user ID) and never key material or passphrases.
 */
public final class PgpException extends MailsealException {

    private static final long serialVersionUID = 1L;

    /** Stable error codes. */
    public enum Code {
        /** The recipient's chosen encryption key is not in its key ring, or cannot encrypt. */
        UNUSABLE_RECIPIENT_KEY,
        /** Building the OpenPGP message failed inside Bouncy Castle. */
        ENCRYPTION_FAILED,
        /** Computing the signature failed inside Bouncy Castle. */
        SIGNING_FAILED,
        /** Making a new key failed inside the JDK or Bouncy Castle. */
        KEY_GENERATION_FAILED,
        /** A stored secret key cannot be read or re-protected for export. */
        KEY_EXPORT_FAILED
    }

    private final Code code;

    /**
     * Creates the exception.
     *
     * @param code    the stable code; not null
     * @param message what failed, naming the subject
     * @param cause   the underlying failure, or null
     */
    public PgpException(Code code, String message, Throwable cause) {
        super(code, message, cause);
        this.code = code;
    }

    /**
     * The stable error code.
     *
     * @return the code; never null
     */
    public Code code() {
        return code;
    }
}
