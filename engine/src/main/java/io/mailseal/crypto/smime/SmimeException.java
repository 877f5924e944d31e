package io.mailseal.crypto.smime;

import io.mailseal.MailsealException;

/**
 * An S/MIME operation failed for a reason other than I/O: a recipient certificate whose key cannot be used, no JDK AES
 * provider in this JVM, or a failure inside the cryptographic libraries.
 *
 * <p>Unchecked: these are operational failures, reported once with a stable {@link #code()}; the message names the
 * subject (certificate subject and serial) and never key material.
 */
public final class SmimeException extends MailsealException {

    private static final long serialVersionUID = 1L;

    /** Stable error codes. */
    public enum Code {
        /** A recipient's public key is neither RSA nor EC on P-256/P-384. */
        UNSUPPORTED_RECIPIENT_KEY,
        /** The signing key is neither RSA nor EC. */
        UNSUPPORTED_SIGNING_KEY,
        /** No AES cipher from a provider of the JDK itself is available. */
        NO_JDK_AES,
        /** Building the CMS EnvelopedData / AuthEnvelopedData failed. */
        ENCRYPTION_FAILED,
        /** Building the CMS SignedData failed. */
        SIGNING_FAILED
    }

    private final Code code;

    /**
     * Creates the exception.
     *
     * @param code    the stable code; not null
     * @param message what failed, naming the subject
     * @param cause   the underlying failure, or null
     */
    public SmimeException(Code code, String message, Throwable cause) {
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
