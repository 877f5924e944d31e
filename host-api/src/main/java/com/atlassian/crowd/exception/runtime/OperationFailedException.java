package com.atlassian.crowd.exception.runtime;

/**
 * Thrown when a directory operation fails (e.g. the LDAP server cannot be reached).
 *
 * <p>Signature: embedded-crowd-api 5.1.6 (unchecked), DF {@code
 * com.atlassian.crowd_embedded-crowd-api-5.1.6/com/atlassian/crowd/exception/runtime/OperationFailedException.java};
 * thrown by {@code CrowdDirectoryService#testConnection(Directory)}.
 */
public class OperationFailedException extends CrowdRuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public OperationFailedException() {
    }

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public OperationFailedException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message the detail message
     * @param cause   the cause
     */
    public OperationFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception (with a null message, as in the host).
     *
     * @param cause the cause
     */
    public OperationFailedException(Throwable cause) {
        this(null, cause);
    }
}
