package io.mailseal.sandbox.demo;

import io.mailseal.sandbox.host.DirectoryUser;
import io.mailseal.sandbox.web.Html;
import io.mailseal.sandbox.web.Layout;
import io.mailseal.sandbox.web.SandboxServlet;
import java.io.IOException;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/**
 * The "Pages" screen: {@code /pages} lists the pages, {@code /pages/<id>} shows one with its watchers,
 * {@code /pages/<id>/edit} edits it. Saving (a form post with the session's XSRF token) stores a new version and
 * notifies every watcher but the editor through {@link Notifications}; the page then shows what happened to each
 * notification. {@code /pages/<id>/watch} starts or stops the user's watching.
 *
 * <p>Thread-safe: stateless; the store and the sender are thread-safe.
 */
public final class PagesServlet extends SandboxServlet {

    private static final long serialVersionUID = 1L;
    private static final String RESULTS = "sandbox.pages.lastNotifications";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final transient PageStore pages;
    private final transient Notifications notifications;

    /**
     * Creates the screen.
     *
     * @param web           the shared services
     * @param pages         the pages
     * @param notifications the notification sender
     */
    public PagesServlet(Web web, PageStore pages, Notifications notifications) {
        super(web);
        this.pages = Objects.requireNonNull(pages, "pages");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Optional<DirectoryUser> user = requireUser(request, response);
        if (user.isEmpty()) {
            return;
        }
        String[] path = path(request);
        try {
            if (path.length == 0) {
                list(request, response);
                return;
            }
            Optional<PageStore.Page> page = page(path[0]);
            if (page.isEmpty()) {
                notFound(request, response);
            } else if (path.length == 1) {
                view(request, response, page.get(), user.get());
            } else if (path.length == 2 && path[1].equals("edit")) {
                edit(request, response, page.get());
            } else {
                notFound(request, response);
            }
        } catch (SQLException e) {
            throw new ServletException("the pages cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Optional<DirectoryUser> user = requireUser(request, response);
        if (user.isEmpty() || !requireToken(request, response)) {
            return;
        }
        String[] path = path(request);
        try {
            Optional<PageStore.Page> page = path.length == 0 ? Optional.empty() : page(path[0]);
            if (page.isEmpty()) {
                notFound(request, response);
                return;
            }
            if (path.length == 2 && path[1].equals("watch")) {
                pages.setWatching(page.get().id(), user.get().username(),
                        !page.get().watchers().contains(user.get().username()));
                response.sendRedirect("/pages/" + page.get().id());
                return;
            }
            String title = request.getParameter("title");
            String body = request.getParameter("body");
            if (title == null || title.isBlank() || title.length() > 255 || body == null || body.length() > 100_000) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                render(request, response, Layout.Page.of("Edit " + page.get().title(), Layout.GENERAL,
                        "<div class=\"aui-message aui-message-error\" id=\"edit-error\"><p>A page needs a title"
                                + " (at most 255 characters) and a body of at most 100,000 characters.</p></div>"));
                return;
            }
            PageStore.Page saved = pages.edit(page.get().id(), title.strip(), body, user.get().username())
                    .orElseThrow();
            List<Notifications.Result> results = notifications.pageEdited(saved, user.get());
            request.getSession().setAttribute(RESULTS, results);
            response.sendRedirect("/pages/" + saved.id());
        } catch (SQLException e) {
            throw new ServletException("the page cannot be saved: " + e.getMessage(), e);
        }
    }

    private void list(HttpServletRequest request, HttpServletResponse response) throws IOException, SQLException {
        StringBuilder body = new StringBuilder("<div class=\"aui-page-header\"><h1>Pages</h1></div>"
                + "<table class=\"aui\" id=\"pages\"><thead><tr><th>Title</th><th>Space</th><th>Version</th>"
                + "<th>Watchers</th></tr></thead><tbody>");
        for (PageStore.Page page : pages.pages()) {
            body.append("<tr><td><a href=\"/pages/").append(page.id()).append("\">").append(Html.escape(page.title()))
                    .append("</a></td><td>").append(Html.escape(page.space())).append("</td><td>")
                    .append(page.version()).append("</td><td>")
                    .append(Html.escape(String.join(", ", page.watchers()))).append("</td></tr>");
        }
        body.append("</tbody></table>");
        render(request, response, Layout.Page.of("Pages", Layout.GENERAL, body.toString()));
    }

    @SuppressWarnings("unchecked")
    private void view(HttpServletRequest request, HttpServletResponse response, PageStore.Page page,
                      DirectoryUser user) throws IOException {
        StringBuilder body = new StringBuilder("<div class=\"aui-page-header\"><div class=\"aui-page-header-inner\">"
                + "<div class=\"aui-page-header-main\"><ol class=\"aui-nav aui-nav-breadcrumbs\"><li>")
                .append(Html.escape(page.space())).append("</li></ol><h1 id=\"title-text\">")
                .append(Html.escape(page.title())).append("</h1></div><div class=\"aui-page-header-actions\">")
                .append("<a class=\"aui-button\" id=\"edit-page\" href=\"/pages/").append(page.id())
                .append("/edit\">Edit</a></div></div></div>");
        HttpSession session = request.getSession(false);
        Object results = session == null ? null : session.getAttribute(RESULTS);
        if (results instanceof List<?> list) {
            session.removeAttribute(RESULTS);
            body.append("<div class=\"aui-message aui-message-info\" id=\"notification-results\"><p class=\"title\">"
                    + "<strong>Saved. Notifications:</strong></p><ul>");
            for (Notifications.Result result : (List<Notifications.Result>) list) {
                body.append("<li class=\"").append(result.sent() ? "sent" : "not-sent").append("\">")
                        .append(Html.escape(result.username())).append(" &lt;").append(Html.escape(result.address()))
                        .append("&gt;: ").append(Html.escape(result.message())).append("</li>");
            }
            if (list.isEmpty()) {
                body.append("<li>nobody else watches this page</li>");
            }
            body.append("</ul><p>See what arrived in the <a href=\"/mailbox\">mailbox</a> (administrators).</p></div>");
        }
        body.append("<p class=\"page-metadata\">Version ").append(page.version()).append(", last edited by ")
                .append(Html.escape(page.lastEditor())).append(" on ").append(Html.escape(TIME.format(page.lastEdited())))
                .append("</p><div class=\"sandbox-page-body\" id=\"main-content\">");
        for (String paragraph : page.body().split("\\r?\\n\\s*\\r?\\n")) {
            if (!paragraph.isBlank()) {
                body.append("<p>").append(Html.escape(paragraph.strip()).replaceAll("\\r?\\n", "<br>")).append("</p>");
            }
        }
        boolean watching = page.watchers().contains(user.username());
        body.append("</div><h3>Watchers</h3><ul id=\"watchers\">");
        for (String watcher : page.watchers()) {
            body.append("<li>").append(Html.escape(watcher)).append("</li>");
        }
        body.append("</ul><form class=\"aui\" method=\"post\" action=\"/pages/").append(page.id()).append("/watch\">")
                .append(tokenField(request, response)).append("<input class=\"aui-button\" type=\"submit\"")
                .append(" id=\"toggle-watch\" value=\"").append(watching ? "Stop watching" : "Watch")
                .append("\"></form>");
        render(request, response, Layout.Page.of(page.title(), Layout.GENERAL, body.toString()));
    }

    private void edit(HttpServletRequest request, HttpServletResponse response, PageStore.Page page)
            throws IOException {
        String body = "<div class=\"aui-page-header\"><h1>Edit " + Html.escape(page.title()) + "</h1></div>"
                + "<form class=\"aui\" method=\"post\" action=\"/pages/" + page.id() + "\" id=\"edit-form\">"
                + tokenField(request, response)
                + "<div class=\"field-group\"><label for=\"title\">Title</label><input class=\"text long-field\""
                + " type=\"text\" id=\"title\" name=\"title\" maxlength=\"255\" value=\"" + Html.escape(page.title())
                + "\"></div><div class=\"field-group\"><label for=\"body\">Content</label><textarea"
                + " class=\"textarea sandbox-editor\" id=\"body\" name=\"body\">" + Html.escape(page.body())
                + "</textarea></div><p>Saving notifies the page's watchers: "
                + Html.escape(String.join(", ", page.watchers())) + ".</p><div class=\"buttons-container\">"
                + "<div class=\"buttons\"><input class=\"aui-button aui-button-primary\" type=\"submit\""
                + " id=\"save-page\" value=\"Save\"> <a class=\"aui-button aui-button-link\" href=\"/pages/"
                + page.id() + "\">Cancel</a></div></div></form>";
        render(request, response, Layout.Page.of("Edit " + page.title(), Layout.GENERAL, body));
    }

    private void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        render(request, response, Layout.Page.of("Page not found", Layout.GENERAL,
                "<div class=\"aui-message aui-message-warning\"><p>There is no such page.</p></div>"));
    }

    private Optional<PageStore.Page> page(String id) throws SQLException {
        try {
            return pages.page(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String[] path(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null || info.equals("/")) {
            return new String[0];
        }
        return info.substring(1).split("/");
    }
}
