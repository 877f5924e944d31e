package com.atlassian.sal.api.user;

/**
 * Thrown by {@link UserManager#resolve(String)} when a user name cannot be resolved unambiguously.
 *
 * <p>Signature: sal-api 5.1.4 (unchecked), DF
 * {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/user/UserResolutionException.java}, per
 * confluence-platform.md B.3.
 */
public class UserResolutionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     * @param cause   the cause
     */
    public UserResolutionException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param cause the cause
     */
    public UserResolutionException(Throwable cause) {
        super(cause);
    }

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public UserResolutionException(String message) {
        super(message);
    }
}
