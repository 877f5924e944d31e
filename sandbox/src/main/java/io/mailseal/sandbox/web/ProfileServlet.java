package io.mailseal.sandbox.web;

import io.mailseal.sandbox.host.DirectoryUser;
import java.io.IOException;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The logged-in user's profile at {@code /profile}, in the {@code atl.userprofile} layout whose sidebar holds the
 * plugins' profile items.
 *
 * <p>Thread-safe: stateless.
 */
public final class ProfileServlet extends SandboxServlet {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the page.
     *
     * @param web the shared services
     */
    public ProfileServlet(Web web) {
        super(web);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<DirectoryUser> user = requireUser(request, response);
        if (user.isEmpty()) {
            return;
        }
        DirectoryUser u = user.get();
        String body = "<div class=\"aui-page-header\"><h1>" + Html.escape(u.fullName()) + "</h1></div>"
                + "<table class=\"aui\" id=\"profile\"><tbody>"
                + "<tr><th>Username</th><td>" + Html.escape(u.username()) + "</td></tr>"
                + "<tr><th>E-mail</th><td>" + Html.escape(u.email()) + "</td></tr>"
                + "<tr><th>Groups</th><td>" + Html.escape(String.join(", ", u.groups())) + "</td></tr>"
                + "</tbody></table>";
        render(request, response, Layout.Page.of("Profile", Layout.USER_PROFILE, body));
    }
}
