package com.atlassian.sal.api.xsrf;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Gives the XSRF token to put into a form.
 *
 * <p>Signature: sal-api 5.1.4, DF {@code
 * com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/xsrf/XsrfTokenAccessor.java}, per confluence-platform.md B.3.
 */
public interface XsrfTokenAccessor {

    /**
     * The XSRF token of the request's session.
     *
     * @param request  the request
     * @param response the response (a cookie may be set on it)
     * @param create   whether to create a token if there is none
     * @return the token, or null if there is none and {@code create} is false
     */
    String getXsrfToken(HttpServletRequest request, HttpServletResponse response, boolean create);
}
