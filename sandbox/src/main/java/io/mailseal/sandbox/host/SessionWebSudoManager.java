package io.mailseal.sandbox.host;

import com.atlassian.sal.api.websudo.WebSudoManager;
import com.atlassian.sal.api.websudo.WebSudoSessionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/**
 * SAL's WebSudo ("secure administrator sessions") backed by the servlet session, as in Confluence: after the user has
 * entered their password again on {@value #AUTHENTICATE_PATH}, admin requests may run for {@link #timeout()} after the
 * last one. {@link #enforceWebSudoProtection} sends the user to that page, with the request as destination.
 *
 * <p>Thread-safe: stateless apart from the clock; the state lives in the request's session.
 */
public final class SessionWebSudoManager implements WebSudoManager {

    /** The re-authentication page, relative to the context path. */
    public static final String AUTHENTICATE_PATH = "/authenticate.action";
    /** The session attribute holding the instant of the last WebSudo request. */
    static final String SESSION_ATTRIBUTE = "sandbox.websudo.lastUsed";

    private final Clock clock;
    private final Duration timeout;

    /**
     * Creates the manager.
     *
     * @param clock   gives "now"
     * @param timeout how long a WebSudo session lasts after its last use (Confluence: 10 minutes)
     */
    public SessionWebSudoManager(Clock clock, Duration timeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * How long a WebSudo session lasts after its last use.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Starts a WebSudo session, after the user entered the right password on the re-authentication page.
     *
     * @param request the request of the logged-in user
     */
    public void startWebSudoSession(HttpServletRequest request) {
        request.getSession(true).setAttribute(SESSION_ATTRIBUTE, clock.instant());
    }

    /**
     * Ends the WebSudo session ("drop administrator access").
     *
     * @param request the request
     */
    public void endWebSudoSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_ATTRIBUTE);
        }
    }

    @Override
    public boolean canExecuteRequest(HttpServletRequest request) {
        if (request.getRemoteUser() == null) {
            return false;
        }
        HttpSession session = request.getSession(false);
        Object last = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
        return last instanceof Instant instant && !clock.instant().isAfter(instant.plus(timeout));
    }

    /** Redirects to the re-authentication page with the request's path and query as destination. */
    @Override
    public void enforceWebSudoProtection(HttpServletRequest request, HttpServletResponse response) {
        String contextPath = request.getContextPath() == null ? "" : request.getContextPath();
        String uri = request.getRequestURI() == null ? "/" : request.getRequestURI();
        String destination = (uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri)
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        try {
            response.sendRedirect(contextPath + AUTHENTICATE_PATH + "?destination="
                    + URLEncoder.encode(destination, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renews the WebSudo session, or refuses a request that has none. */
    @Override
    public void willExecuteWebSudoRequest(HttpServletRequest request) throws WebSudoSessionException {
        if (!canExecuteRequest(request)) {
            throw new WebSudoSessionException("no WebSudo session");
        }
        request.getSession().setAttribute(SESSION_ATTRIBUTE, clock.instant());
    }
}
