package io.mailseal.sandbox.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The sandbox's own static files under {@code /static/}: its stylesheet, and AUI and jQuery as vendored from the npm
 * registry at build time ({@code /static/vendor/...}).
 *
 * <p>Thread-safe: stateless.
 */
public final class StaticServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Where the files are on the class path. */
    static final String ROOT = "io/mailseal/sandbox/web/static";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null || path.contains("..") || path.contains("//")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Resources.send(StaticServlet.class.getClassLoader().getResource(ROOT + path), path, response);
    }

    /**
     * Whether AUI was vendored into the sandbox when it was built.
     *
     * @return true if the AUI stylesheet is on the class path
     */
    public static boolean auiVendored() {
        return StaticServlet.class.getClassLoader().getResource(ROOT + "/vendor/aui/aui-prototyping.css") != null;
    }
}
