package io.mailseal.imports;

import io.mailseal.MailsealException;

/**
 * An import file could not be read (an I/O failure, not a problem in its content, which is reported as an
 * {@link ImportProblem}).
 *
 * <p>Unchecked: an operational failure with a stable {@link #code()}; the message names the file.
 */
public final class ImportReadException extends MailsealException {

    private static final long serialVersionUID = 1L;

    /** Stable error codes. */
    public enum Code {
        /** Reading the file failed part-way. */
        READ_FAILED
    }

    private final Code code;

    /**
     * Creates the exception.
     *
     * @param code    the stable code; not null
     * @param message what failed, naming the file
     * @param cause   the underlying failure, or null
     */
    public ImportReadException(Code code, String message, Throwable cause) {
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
