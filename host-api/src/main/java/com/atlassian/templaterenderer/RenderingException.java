package com.atlassian.templaterenderer;

/**
 * Thrown when the template engine fails to render a template.
 *
 * <p>Signature: template-renderer api, unchecked, three constructors as in the open-source
 * {@code com.atlassian.templaterenderer.RenderingException} found by the search tool (no DF copy of api 5.0.4 was
 * found); thrown per confluence-platform.md B.4.
 */
public class RenderingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     * @param cause   the cause
     */
    public RenderingException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public RenderingException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param cause the cause
     */
    public RenderingException(Throwable cause) {
        super(cause);
    }
}
