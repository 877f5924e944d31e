package com.atlassian.sal.api.xsrf;

import javax.servlet.http.HttpServletRequest;

/**
 * Checks the XSRF token ({@code atl_token}) of a form post.
 *
 * <p>Signature: sal-api 5.1.4, DF {@code
 * com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/xsrf/XsrfTokenValidator.java}, per confluence-platform.md B.3.
 */
public interface XsrfTokenValidator {

    /**
     * Whether the request's form-encoded token is valid for its session.
     *
     * @param request the request
     * @return true if the token is valid
     */
    boolean validateFormEncodedToken(HttpServletRequest request);

    /**
     * The name of the form parameter that carries the token.
     *
     * @return the parameter name ({@code atl_token} in Confluence)
     */
    String getXsrfParameterName();
}
