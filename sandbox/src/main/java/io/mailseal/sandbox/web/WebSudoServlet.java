package io.mailseal.sandbox.web;

import io.mailseal.sandbox.host.DirectoryUser;
import java.io.IOException;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Confluence's {@code /authenticate.action}: the WebSudo ("administrator access") step. The logged-in user enters
 * their password again; when the LDAP directory accepts it, a WebSudo session starts and the browser goes on to the
 * {@code destination} (a path on this server). Posting {@code drop} ends the WebSudo session.
 *
 * <p>Thread-safe: stateless.
 */
public final class WebSudoServlet extends SandboxServlet {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the page.
     *
     * @param web the shared services
     */
    public WebSudoServlet(Web web) {
        super(web);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<DirectoryUser> user = requireUser(request, response);
        if (user.isPresent()) {
            form(request, response, user.get(), null);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<DirectoryUser> user = requireUser(request, response);
        if (user.isEmpty() || !requireToken(request, response)) {
            return;
        }
        if (request.getParameter("drop") != null) {
            web.webSudo().endWebSudoSession(request);
            response.sendRedirect("/");
            return;
        }
        if (!web.users().authenticate(user.get().username(), request.getParameter("password"))) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            form(request, response, user.get(), "The password is incorrect. Please try again.");
            return;
        }
        web.webSudo().startWebSudoSession(request);
        response.sendRedirect(Html.localPath(request.getParameter("destination"), "/admin"));
    }

    private void form(HttpServletRequest request, HttpServletResponse response, DirectoryUser user, String error)
            throws IOException {
        String destination = Html.localPath(request.getParameter("destination"), "/admin");
        StringBuilder body = new StringBuilder("<div class=\"aui-page-header\"><h1>Administrator Access</h1></div>"
                + "<p>You have requested access to an administrative function and need to confirm your password"
                + " first. Administrator access lasts " + web.webSudo().timeout().toMinutes()
                + " minutes after your last administrative action.</p>");
        if (error != null) {
            body.append("<div class=\"aui-message aui-message-error\" id=\"websudo-error\"><p>")
                    .append(Html.escape(error)).append("</p></div>");
        }
        body.append("<form class=\"aui\" method=\"post\" action=\"/authenticate.action\" id=\"websudo-form\">")
                .append(tokenField(request, response))
                .append("<input type=\"hidden\" name=\"destination\" value=\"").append(Html.escape(destination))
                .append("\"><div class=\"field-group\"><label>User</label><span class=\"field-value\">")
                .append(Html.escape(user.username())).append("</span></div>")
                .append("<div class=\"field-group\"><label for=\"password\">Password</label>")
                .append("<input class=\"text\" type=\"password\" id=\"password\" name=\"password\" autofocus></div>")
                .append("<div class=\"buttons-container\"><div class=\"buttons\"><input class=\"aui-button"
                        + " aui-button-primary\" type=\"submit\" id=\"authenticateButton\" value=\"Confirm\">"
                        + "</div></div></form>");
        render(request, response, Layout.Page.of("Administrator Access", Layout.GENERAL, body.toString()));
    }
}
