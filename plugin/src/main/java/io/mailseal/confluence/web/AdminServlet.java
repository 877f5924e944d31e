package io.mailseal.confluence.web;

import com.atlassian.sal.api.user.UserProfile;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The base of the admin screens: GET shows (and never changes anything), POST changes; both only for a system
 * administrator in a WebSudo session, and POST only with a valid XSRF token ({@link WebPages}). A form body larger
 * than {@link #maxFormBytes()} or a broken multipart body is refused before anything is looked at.
 *
 * <p>Thread-safe if the subclass is: servlets are shared by every request.
 */
public abstract class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The pages' common parts. */
    protected final transient WebPages pages;
    private final Screen screen;

    /**
     * Creates the servlet.
     *
     * @param pages  the pages' common parts
     * @param screen the screen it serves
     */
    protected AdminServlet(WebPages pages, Screen screen) {
        this.pages = Objects.requireNonNull(pages, "pages");
        this.screen = Objects.requireNonNull(screen, "screen");
        if (!screen.admin()) {
            throw new IllegalArgumentException(screen + " is not an admin screen");
        }
    }

    @Override
    protected final void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<UserProfile> admin = pages.admin(request, response);
        if (admin.isPresent()) {
            show(request, response, admin.get());
        }
    }

    @Override
    protected final void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<UserProfile> admin = pages.admin(request, response);
        if (admin.isEmpty()) {
            return;
        }
        Form.Read read = Form.read(request, maxFormBytes());
        if (read instanceof Form.TooLarge tooLarge) {
            pages.renderRefusal(request, response, screen, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    List.of(pages.text("error.tooLarge", tooLarge.limit() / 1024)));
            return;
        }
        if (read instanceof Form.Malformed malformed) {
            pages.renderRefusal(request, response, screen, HttpServletResponse.SC_BAD_REQUEST,
                    List.of(pages.text("error.malformed", malformed.reason())));
            return;
        }
        Form form = ((Form.Parsed) read).form();
        if (!pages.acceptsChange(form.request())) {
            pages.refuseChange(request, response, screen);
            return;
        }
        change(request, response, admin.get(), form);
    }

    @Override
    protected final void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    /** TRACE would echo the request's headers (cookies included); the container should refuse it, this does too. */
    @Override
    protected final void doTrace(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    @Override
    protected final void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    /**
     * The largest form body accepted.
     *
     * @return bytes; 64 KiB unless a screen takes files
     */
    protected int maxFormBytes() {
        return 64 * 1024;
    }

    /**
     * Shows the screen (GET). Must not change anything.
     *
     * @param request  the request
     * @param response the response
     * @param admin    the administrator
     * @throws IOException if the page cannot be written
     */
    protected abstract void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException;

    /**
     * Makes a change (POST with a valid token) and answers with the screen.
     *
     * @param request  the request
     * @param response the response
     * @param admin    the administrator
     * @param form     the submitted form
     * @throws IOException if the page cannot be written
     */
    protected abstract void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin,
                                   Form form) throws IOException;
}
