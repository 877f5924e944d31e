package com.atlassian.crowd.exception.runtime;

/**
 * The base of Crowd's unchecked exceptions.
 *
 * <p>Signature: embedded-crowd-api 5.1.6, DF {@code
 * com.atlassian.crowd_embedded-crowd-api-5.1.6/com/atlassian/crowd/exception/runtime/CrowdRuntimeException.java};
 * needed as the
 * superclass of {@link OperationFailedException}.
 */
public class CrowdRuntimeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public CrowdRuntimeException() {
    }

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public CrowdRuntimeException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message the detail message
     * @param cause   the cause
     */
    public CrowdRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param cause the cause
     */
    public CrowdRuntimeException(Throwable cause) {
        super(cause);
    }
}
