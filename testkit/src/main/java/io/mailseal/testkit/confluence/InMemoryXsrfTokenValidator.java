package io.mailseal.testkit.confluence;

import com.atlassian.sal.api.xsrf.XsrfTokenValidator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

/**
 * SAL XSRF token validator: the request parameter {@code atl_token} must equal (constant-time compare) the token in
 * the session attribute of the same name, as set by {@link InMemoryXsrfTokenAccessor}.
 *
 * <p>Thread-safe: stateless.
 */
public final class InMemoryXsrfTokenValidator implements XsrfTokenValidator {

    @Override
    public boolean validateFormEncodedToken(HttpServletRequest request) {
        String sent = request.getParameter(getXsrfParameterName());
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(InMemoryXsrfTokenAccessor.SESSION_ATTRIBUTE);
        return sent != null && expected != null && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), expected.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getXsrfParameterName() {
        return InMemoryXsrfTokenAccessor.SESSION_ATTRIBUTE;
    }
}
