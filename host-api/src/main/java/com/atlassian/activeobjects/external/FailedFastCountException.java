package com.atlassian.activeobjects.external;

/**
 * Thrown when the database cannot give a fast (estimated) row count.
 *
 * <p>Signature: activeobjects-plugin 5.2.1, DF
 * {@code
 * com.atlassian.activeobjects.activeobjects-plugin-5.2.1/com/atlassian/activeobjects/external/FailedFastCountException.java},
 * per confluence-platform.md B.2.
 */
public class FailedFastCountException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param cause the underlying failure
     */
    public FailedFastCountException(Throwable cause) {
        super(cause);
    }
}
