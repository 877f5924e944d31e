package io.mailseal.ca;

import io.mailseal.MailsealException;

/**
 * A CA operation failed for a reason that is not an expected outcome: key generation or signing failed inside the
 * cryptographic libraries, or an archived key cannot be unsealed. The message names the subject (serial, address,
 * CA name) and never key material or passphrases.
 */
public final class CaException extends MailsealException {

    private static final long serialVersionUID = 1L;

    /** Stable error codes. */
    public enum Code {
        /** The JDK could not generate the key pair. */
        KEY_GENERATION_FAILED,
        /** Building or signing a certificate, CRL, CSR or PKCS#12 file failed. */
        SIGNING_FAILED,
        /** An archived private key could not be unsealed or decoded. */
        ARCHIVE_UNREADABLE
    }

    private final Code code;

    /**
     * Creates the exception.
     *
     * @param code    the stable code; not null
     * @param message what failed, naming the subject
     * @param cause   the underlying failure, or null
     */
    public CaException(Code code, String message, Throwable cause) {
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
