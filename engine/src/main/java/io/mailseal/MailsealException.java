package io.mailseal;

import java.util.Objects;

/**
 * The one base of Mailseal's operational failures: unchecked, with a stable error code, and a message that names the
 * subject (address, fingerprint, file and line, host) and never a secret. Expected outcomes (no key, a bad setting, a
 * server that does not answer) are values, not exceptions; these are for the failures that remain.
 *
 * <p>Immutable; subclasses add a typed {@code code()}.
 */
public abstract class MailsealException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Enum<?> errorCode;

    /**
     * Creates the exception; the message is prefixed with the code in brackets.
     *
     * @param errorCode the stable code; not null
     * @param message   what failed, naming the subject
     * @param cause     the underlying failure, or null
     */
    protected MailsealException(Enum<?> errorCode, String message, Throwable cause) {
        super("[" + Objects.requireNonNull(errorCode, "errorCode") + "] " + message, cause);
        this.errorCode = errorCode;
    }

    /**
     * The stable error code, for logs, the admin screens and i18n keys.
     *
     * @return the code; never null
     */
    public Enum<?> errorCode() {
        return errorCode;
    }
}
