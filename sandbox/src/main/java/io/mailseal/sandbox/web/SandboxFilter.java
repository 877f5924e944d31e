package io.mailseal.sandbox.web;

import io.mailseal.sandbox.host.CurrentRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.Objects;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/**
 * Runs in front of every request: the user logged in to the session becomes the request's remote user (what SAL's
 * user manager reads), the request becomes the thread's current request, and the responses get the usual security
 * headers.
 *
 * <p>Thread-safe: stateless.
 */
public final class SandboxFilter implements Filter {

    /** The session attribute holding the logged-in user's name. */
    public static final String USER_ATTRIBUTE = "sandbox.user";

    private final CurrentRequest currentRequest;

    /**
     * Creates the filter.
     *
     * @param currentRequest where the request is made current
     */
    public SandboxFilter(CurrentRequest currentRequest) {
        this.currentRequest = Objects.requireNonNull(currentRequest, "currentRequest");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        HttpSession session = http.getSession(false);
        Object user = session == null ? null : session.getAttribute(USER_ATTRIBUTE);
        HttpServletRequest authenticated = user instanceof String name ? new Authenticated(http, name) : http;
        out.setHeader("X-Content-Type-Options", "nosniff");
        out.setHeader("X-Frame-Options", "SAMEORIGIN");
        out.setHeader("Referrer-Policy", "same-origin");
        try (CurrentRequest.Scope scope = currentRequest.enter(authenticated)) {
            chain.doFilter(authenticated, response);
        }
    }

    /** A request of a logged-in user. */
    private static final class Authenticated extends HttpServletRequestWrapper {

        private final String user;

        Authenticated(HttpServletRequest request, String user) {
            super(request);
            this.user = user;
        }

        @Override
        public String getRemoteUser() {
            return user;
        }

        @Override
        public Principal getUserPrincipal() {
            return () -> user;
        }

        @Override
        public String getAuthType() {
            return HttpServletRequest.FORM_AUTH;
        }
    }
}
