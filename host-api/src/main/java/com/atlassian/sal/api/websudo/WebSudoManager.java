package com.atlassian.sal.api.websudo;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Enforces WebSudo ("secure administrator session": re-enter the password) on admin requests.
 *
 * <p>Signature: sal-api 5.1.4, DF {@code
 * com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/websudo/WebSudoManager.java}, per confluence-platform.md B.3.
 */
public interface WebSudoManager {

    /**
     * Whether the request may run now (it has a WebSudo session, or WebSudo is off).
     *
     * @param request the request
     * @return true if it may run
     */
    boolean canExecuteRequest(HttpServletRequest request);

    /**
     * Sends the user to the WebSudo authentication page.
     *
     * @param request  the request
     * @param response the response to redirect
     */
    void enforceWebSudoProtection(HttpServletRequest request, HttpServletResponse response);

    /**
     * Marks the request as a WebSudo request, extending the session.
     *
     * @param request the request
     * @throws WebSudoSessionException if there is no WebSudo session
     */
    void willExecuteWebSudoRequest(HttpServletRequest request) throws WebSudoSessionException;
}
