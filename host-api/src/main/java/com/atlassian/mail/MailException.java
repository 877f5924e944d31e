package com.atlassian.mail;

/**
 * Thrown when mail cannot be sent or a mail server cannot be read or stored.
 *
 * <p>Signature: atlassian-mail 5.3.0 (checked), DF {@code
 * com.atlassian.mail_atlassian-mail-5.3.0/com/atlassian/mail/MailException.java}, per confluence-platform.md A.1/B.10.
 */
public class MailException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public MailException() {
    }

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public MailException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param cause the cause
     */
    public MailException(Throwable cause) {
        super(cause);
    }

    /**
     * Creates the exception.
     *
     * @param message the detail message
     * @param cause   the cause
     */
    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
