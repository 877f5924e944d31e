package io.mailseal.testkit.confluence;

import com.atlassian.sal.api.websudo.WebSudoManager;
import com.atlassian.sal.api.websudo.WebSudoSessionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/**
 * SAL WebSudo manager: a request may run when its session attribute {@value #SESSION_ATTRIBUTE} is
 * {@code Boolean.TRUE}; otherwise the user is redirected to {@code <context path>/authenticate.action}.
 *
 * <p>Thread-safe: stateless; the state lives in the request's session.
 */
public final class InMemoryWebSudoManager implements WebSudoManager {

    /** The session attribute that marks a WebSudo session. */
    public static final String SESSION_ATTRIBUTE = "mailseal.websudo";

    @Override
    public boolean canExecuteRequest(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && Boolean.TRUE.equals(session.getAttribute(SESSION_ATTRIBUTE));
    }

    /** Redirects to {@code authenticate.action}, with the request's path and query as destination. */
    @Override
    public void enforceWebSudoProtection(HttpServletRequest request, HttpServletResponse response) {
        String contextPath = request.getContextPath() == null ? "" : request.getContextPath();
        String uri = request.getRequestURI() == null ? "/" : request.getRequestURI();
        String destination = (uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri)
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        try {
            response.sendRedirect(contextPath + "/authenticate.action?destination="
                    + URLEncoder.encode(destination, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void willExecuteWebSudoRequest(HttpServletRequest request) throws WebSudoSessionException {
        if (!canExecuteRequest(request)) {
            throw new WebSudoSessionException("no WebSudo session");
        }
    }
}
