package io.mailseal.sandbox.web;

import io.mailseal.sandbox.plugin.InstalledPlugin;
import io.mailseal.sandbox.plugin.PluginDescriptor;
import io.mailseal.sandbox.plugin.PluginHost;
import java.io.IOException;
import java.util.Objects;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The sandbox's administration overview at {@code /admin} (system administrators, in a WebSudo session): the started
 * plugins with their servlet modules, and the admin sidebar with every plugin's admin web items.
 *
 * <p>Thread-safe: stateless.
 */
public final class AdminServlet extends SandboxServlet {

    private static final long serialVersionUID = 1L;
    private final transient PluginHost plugins;

    /**
     * Creates the page.
     *
     * @param web     the shared services
     * @param plugins the started plugins
     */
    public AdminServlet(Web web, PluginHost plugins) {
        super(web);
        this.plugins = Objects.requireNonNull(plugins, "plugins");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (requireAdmin(request, response).isEmpty() || !requireWebSudo(request, response)) {
            return;
        }
        StringBuilder body = new StringBuilder("<div class=\"aui-page-header\"><h1>Administration</h1></div>"
                + "<h2>Plugins</h2><table class=\"aui\" id=\"plugins\"><thead><tr><th>Plugin</th><th>Key</th>"
                + "<th>Bundle state</th><th>Servlets</th></tr></thead><tbody>");
        for (InstalledPlugin plugin : plugins.plugins()) {
            body.append("<tr><td>").append(Html.escape(plugin.descriptor().name())).append("</td><td>")
                    .append(Html.escape(plugin.key())).append("</td><td>")
                    .append(plugin.bundle().getState() == org.osgi.framework.Bundle.ACTIVE ? "active" : "not active")
                    .append("</td><td>");
            for (PluginDescriptor.ServletModule servlet : plugin.descriptor().servlets()) {
                for (String pattern : servlet.urlPatterns()) {
                    String url = "/plugins/servlet" + pattern.replace("/*", "");
                    body.append("<a href=\"").append(Html.escape(url)).append("\">").append(Html.escape(url))
                            .append("</a><br>");
                }
            }
            body.append("</td></tr>");
        }
        body.append("</tbody></table><form class=\"aui\" method=\"post\" action=\"/authenticate.action\">")
                .append(tokenField(request, response))
                .append("<input type=\"hidden\" name=\"drop\" value=\"1\"><p><input class=\"aui-button\""
                        + " type=\"submit\" id=\"drop-websudo\" value=\"Drop administrator access\"></p></form>");
        render(request, response, Layout.Page.of("Administration", Layout.ADMIN, body.toString()));
    }
}
