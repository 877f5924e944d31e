package io.mailseal.sandbox.web;

import io.mailseal.sandbox.host.DirectoryUser;
import java.io.IOException;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The dashboard at {@code /}: what the sandbox is and where to go. Anything else that no servlet serves is a 404.
 *
 * <p>Thread-safe: stateless.
 */
public final class HomeServlet extends SandboxServlet {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the page.
     *
     * @param web the shared services
     */
    public HomeServlet(Web web) {
        super(web);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (!"/".equals(path) && !"/index.action".equals(path)) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            render(request, response, Layout.Page.of("Page not found", Layout.GENERAL,
                    "<div class=\"aui-message aui-message-warning\" id=\"not-found\"><p>There is no page at "
                            + Html.escape(path) + ".</p></div>"));
            return;
        }
        Optional<DirectoryUser> user = requireUser(request, response);
        if (user.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder("<div class=\"aui-page-header\"><h1>Welcome, ")
                .append(Html.escape(user.get().fullName())).append("</h1></div>")
                .append("<p>This is the Mailseal sandbox: the real Mailseal plugin jar, running in a host that loads it"
                        + " the way Confluence does. Every mail it sends goes through Mailseal's mail hook and lands"
                        + " in the sandbox's mailbox.</p><ul class=\"sandbox-links\">")
                .append("<li><a href=\"/pages\">Pages</a>: edit a page; its watchers get a notification.</li>")
                .append("<li><a href=\"/profile\">Your profile</a> and the plugin's profile items.</li>");
        if (user.get().systemAdmin()) {
            body.append("<li><a href=\"/mailbox\">Mailbox</a>: every message the SMTP sink received.</li>")
                    .append("<li><a href=\"/admin\">Administration</a>: the plugin's admin screens (asks for your"
                            + " password again, as Confluence's secure administrator sessions do).</li>");
        }
        body.append("</ul>");
        render(request, response, Layout.Page.of("Dashboard", Layout.GENERAL, body.toString()));
    }
}
