package io.mailseal.testkit.confluence;

import com.atlassian.sal.api.xsrf.XsrfTokenAccessor;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/**
 * SAL XSRF token accessor: the token is a random 40-hex-digit string kept in the session attribute
 * {@value #SESSION_ATTRIBUTE}, created (with the session) on request.
 *
 * <p>Thread-safe: token creation is synchronized on the session, where the state lives.
 */
public final class InMemoryXsrfTokenAccessor implements XsrfTokenAccessor {

    /** The session attribute, also the form parameter name. */
    public static final String SESSION_ATTRIBUTE = "atl_token";

    private final SecureRandom random = new SecureRandom();

    @Override
    public String getXsrfToken(HttpServletRequest request, HttpServletResponse response, boolean create) {
        HttpSession session = request.getSession(create);
        if (session == null) {
            return null;
        }
        synchronized (session) {
            Object token = session.getAttribute(SESSION_ATTRIBUTE);
            if (token == null && create) {
                byte[] bytes = new byte[20];
                random.nextBytes(bytes);
                token = HexFormat.of().formatHex(bytes);
                session.setAttribute(SESSION_ATTRIBUTE, token);
            }
            return token == null ? null : token.toString();
        }
    }
}
