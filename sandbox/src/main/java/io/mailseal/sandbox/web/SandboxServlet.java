package io.mailseal.sandbox.web;

import io.mailseal.sandbox.host.DirectoryUser;
import io.mailseal.sandbox.host.LdapDirectory;
import io.mailseal.sandbox.host.SandboxLoginUriProvider;
import io.mailseal.sandbox.host.SessionWebSudoManager;
import io.mailseal.testkit.confluence.InMemoryXsrfTokenAccessor;
import io.mailseal.testkit.confluence.InMemoryXsrfTokenValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The base of the sandbox's own pages: who is logged in, the admin and WebSudo checks, the session's XSRF token and
 * rendering into the {@link Layout}.
 *
 * <p>Thread-safe: subclasses keep no per-request state in fields.
 */
public abstract class SandboxServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The services the pages share. */
    protected final transient Web web;

    /**
     * Creates the servlet.
     *
     * @param web the shared services
     */
    protected SandboxServlet(Web web) {
        this.web = Objects.requireNonNull(web, "web");
    }

    /**
     * The logged-in user, or a redirect to the login page.
     *
     * @param request  the request
     * @param response where the redirect goes
     * @return the user; empty if the response was sent
     * @throws IOException if the redirect fails
     */
    protected Optional<DirectoryUser> requireUser(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<DirectoryUser> user = web.users().byName(request.getRemoteUser());
        if (user.isEmpty()) {
            String here = request.getRequestURI() + (request.getQueryString() == null ? ""
                    : "?" + request.getQueryString());
            response.sendRedirect(SandboxLoginUriProvider.LOGIN_PATH + "?os_destination=" + Html.url(here));
        }
        return user;
    }

    /**
     * The logged-in system administrator, or a redirect to the login page, or a 403 page for anyone else.
     *
     * @param request  the request
     * @param response where the answer goes
     * @return the admin; empty if the response was sent
     * @throws IOException if the answer fails
     */
    protected Optional<DirectoryUser> requireAdmin(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<DirectoryUser> user = requireUser(request, response);
        if (user.isPresent() && !user.get().systemAdmin()) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            render(request, response, Layout.Page.of("Not permitted", Layout.GENERAL,
                    "<div class=\"aui-message aui-message-error\" id=\"not-permitted\"><p class=\"title\">"
                            + "<strong>You are not permitted to see this page.</strong></p><p>"
                            + Html.escape(user.get().fullName()) + " is not a system administrator.</p></div>"));
            return Optional.empty();
        }
        return user;
    }

    /**
     * Whether the request may run as a WebSudo (secure administrator) request; if not, the user is sent to the
     * password page first.
     *
     * @param request  the request
     * @param response where the redirect goes
     * @return true if it may run now
     */
    protected boolean requireWebSudo(HttpServletRequest request, HttpServletResponse response) {
        SessionWebSudoManager webSudo = web.webSudo();
        if (!webSudo.canExecuteRequest(request)) {
            webSudo.enforceWebSudoProtection(request, response);
            return false;
        }
        webSudo.willExecuteWebSudoRequest(request);
        return true;
    }

    /**
     * The session's XSRF token, created if needed.
     *
     * @param request  the request
     * @param response the response
     * @return the token
     */
    protected String token(HttpServletRequest request, HttpServletResponse response) {
        return web.xsrfAccessor().getXsrfToken(request, response, true);
    }

    /**
     * The hidden form field with the session's XSRF token.
     *
     * @param request  the request
     * @param response the response
     * @return the {@code <input type="hidden">} element
     */
    protected String tokenField(HttpServletRequest request, HttpServletResponse response) {
        return "<input type=\"hidden\" name=\"atl_token\" value=\"" + Html.escape(token(request, response)) + "\">";
    }

    /**
     * Whether a form post carries the session's XSRF token; if not, a 403 page is sent.
     *
     * @param request  the request
     * @param response where the refusal goes
     * @return true if the token is valid
     * @throws IOException if the refusal fails
     */
    protected boolean requireToken(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (new InMemoryXsrfTokenValidator().validateFormEncodedToken(request)) {
            return true;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        render(request, response, Layout.Page.of("XSRF check failed", Layout.GENERAL,
                "<div class=\"aui-message aui-message-error\" id=\"xsrf-failed\"><p>The form's security token"
                        + " (atl_token) is missing or does not belong to your session. Nothing was changed;"
                        + " reload the page and try again.</p></div>"));
        return false;
    }

    /**
     * Renders a page in the layout.
     *
     * @param request  the request
     * @param response the response
     * @param page     the page
     * @throws IOException if it cannot be written
     */
    protected void render(HttpServletRequest request, HttpServletResponse response, Layout.Page page)
            throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(web.layout().render(request, page).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The services shared by the sandbox's pages.
     *
     * @param users        the directory
     * @param layout       the page layout
     * @param webSudo      WebSudo
     * @param xsrfAccessor the XSRF tokens
     */
    public record Web(LdapDirectory users, Layout layout, SessionWebSudoManager webSudo,
                      InMemoryXsrfTokenAccessor xsrfAccessor) {
    }
}
