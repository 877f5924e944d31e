package io.mailseal.sandbox.host;

import com.atlassian.sal.api.xsrf.XsrfTokenValidator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

/**
 * SAL's XSRF token validator: the form parameter {@code atl_token} must equal, compared in constant time, the token
 * {@link SessionXsrfTokenAccessor} keeps in the session.
 *
 * <p>Thread-safe: stateless.
 */
public final class SessionXsrfTokenValidator implements XsrfTokenValidator {

    @Override
    public boolean validateFormEncodedToken(HttpServletRequest request) {
        String sent = request.getParameter(getXsrfParameterName());
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(SessionXsrfTokenAccessor.SESSION_ATTRIBUTE);
        return sent != null && expected != null && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), expected.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getXsrfParameterName() {
        return SessionXsrfTokenAccessor.SESSION_ATTRIBUTE;
    }
}
