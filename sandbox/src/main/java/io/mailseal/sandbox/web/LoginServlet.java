package io.mailseal.sandbox.web;

import java.io.IOException;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/**
 * Confluence's {@code /login.action}: a form whose user name and password are checked against the LDAP directory
 * (a bind as the user); on success the session is renewed (a new id, against session fixation), remembers the user,
 * and the browser goes on to {@code os_destination} if that is a path on this server.
 *
 * <p>Thread-safe: stateless.
 */
public final class LoginServlet extends SandboxServlet {

    private static final long serialVersionUID = 1L;
    private final transient List<String> demoLogins;

    /**
     * Creates the page.
     *
     * @param web        the shared services
     * @param demoLogins the demo logins shown on the form, e.g. "admin / admin (system administrator)"
     */
    public LoginServlet(Web web, List<String> demoLogins) {
        super(web);
        this.demoLogins = List.copyOf(demoLogins);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        form(request, response, null, "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String username = request.getParameter("os_username");
        String password = request.getParameter("os_password");
        boolean ok;
        try {
            ok = web.users().authenticate(username, password);
        } catch (IllegalStateException e) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            form(request, response, "The user directory cannot be reached: " + e.getMessage(), username);
            return;
        }
        if (!ok) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            form(request, response, "Sorry, your username and password are incorrect - please try again.", username);
            return;
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession fresh = request.getSession(true);
        fresh.setAttribute(SandboxFilter.USER_ATTRIBUTE, web.users().byName(username).orElseThrow().username());
        response.sendRedirect(Html.localPath(request.getParameter("os_destination"), "/"));
    }

    private void form(HttpServletRequest request, HttpServletResponse response, String error, String username)
            throws IOException {
        String destination = Html.localPath(request.getParameter("os_destination"), "/");
        StringBuilder body = new StringBuilder("<div class=\"aui-page-header\"><h1>Log in</h1></div>");
        if (error != null) {
            body.append("<div class=\"aui-message aui-message-error\" id=\"login-error\"><p>")
                    .append(Html.escape(error)).append("</p></div>");
        }
        body.append("<form class=\"aui\" method=\"post\" action=\"/login.action\" id=\"login-form\">")
                .append("<input type=\"hidden\" name=\"os_destination\" value=\"").append(Html.escape(destination))
                .append("\"><div class=\"field-group\"><label for=\"os_username\">Username</label>")
                .append("<input class=\"text\" type=\"text\" id=\"os_username\" name=\"os_username\" value=\"")
                .append(Html.escape(username == null ? "" : username)).append("\" autofocus></div>")
                .append("<div class=\"field-group\"><label for=\"os_password\">Password</label>")
                .append("<input class=\"text\" type=\"password\" id=\"os_password\" name=\"os_password\"></div>")
                .append("<div class=\"buttons-container\"><div class=\"buttons\"><input class=\"aui-button"
                        + " aui-button-primary\" type=\"submit\" id=\"loginButton\" value=\"Log in\"></div></div>")
                .append("</form><div class=\"aui-message aui-message-info\"><p class=\"title\"><strong>Demo"
                        + " logins</strong></p><ul id=\"demo-logins\">");
        for (String login : demoLogins) {
            body.append("<li>").append(Html.escape(login)).append("</li>");
        }
        body.append("</ul></div>");
        render(request, response, Layout.Page.of("Log in", Layout.GENERAL, body.toString()));
    }
}
