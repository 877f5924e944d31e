package com.atlassian.sal.api.websudo;

/**
 * Thrown when a request needs a WebSudo (secure administrator) session and has none.
 *
 * <p>Signature: sal-api 5.1.4 (unchecked), DF
 * {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/websudo/WebSudoSessionException.java}, per
 * confluence-platform.md B.3.
 */
public class WebSudoSessionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public WebSudoSessionException() {
    }

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public WebSudoSessionException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message the detail message
     * @param cause   the cause
     */
    public WebSudoSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
