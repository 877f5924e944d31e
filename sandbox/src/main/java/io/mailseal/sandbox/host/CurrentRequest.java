package io.mailseal.sandbox.host;

import java.util.Optional;
import javax.servlet.http.HttpServletRequest;

/**
 * The HTTP request the current thread is serving, for the host services that SAL lets plugins call without one
 * ({@code UserManager.getRemoteUser()}, {@code PageBuilderService.assembler()}). Set by the web layer around every
 * request.
 *
 * <p>Thread-safe: one value per thread.
 */
public final class CurrentRequest {

    private final ThreadLocal<HttpServletRequest> current = new ThreadLocal<>();

    /**
     * Makes a request the current one until the returned scope is closed (then the one before is current again).
     *
     * @param request the request
     * @return the scope; close it in a finally block (try-with-resources)
     */
    public Scope enter(HttpServletRequest request) {
        HttpServletRequest before = current.get();
        current.set(request);
        return () -> {
            if (before == null) {
                current.remove();
            } else {
                current.set(before);
            }
        };
    }

    /**
     * The request of this thread.
     *
     * @return the request, or empty outside a request (a scheduled job, a mail sent from start-up)
     */
    public Optional<HttpServletRequest> get() {
        return Optional.ofNullable(current.get());
    }

    /** The time a request is current. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        /** Ends it. */
        @Override
        void close();
    }
}
