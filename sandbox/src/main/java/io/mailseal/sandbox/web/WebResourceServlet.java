package io.mailseal.sandbox.web;

import io.mailseal.sandbox.plugin.InstalledPlugin;
import io.mailseal.sandbox.plugin.PluginDescriptor;
import io.mailseal.sandbox.plugin.PluginHost;
import java.io.IOException;
import java.net.URL;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The plugins' web resources at Confluence's address {@code /download/resources/<plugin key>:<module key>/<name>}:
 * the file a {@code <resource type="download">} of that web resource names, read from the plugin's bundle. A resource
 * whose name ends in {@code /} stands for a directory: its files are served below it.
 *
 * <p>Thread-safe: stateless.
 */
public final class WebResourceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient PluginHost plugins;

    /**
     * Creates the servlet.
     *
     * @param plugins the started plugins
     */
    public WebResourceServlet(PluginHost plugins) {
        this.plugins = Objects.requireNonNull(plugins, "plugins");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null || path.contains("..")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String[] parts = path.substring(1).split("/", 2);
        int colon = parts[0].indexOf(':');
        if (parts.length < 2 || colon < 0) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Optional<InstalledPlugin> plugin = plugins.plugin(parts[0].substring(0, colon));
        String moduleKey = parts[0].substring(colon + 1);
        String name = parts[1];
        Optional<PluginDescriptor.WebResource> resource = plugin.flatMap(p -> p.descriptor().webResources().stream()
                .filter(r -> r.key().equals(moduleKey)).findFirst());
        if (resource.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        URL found = null;
        for (PluginDescriptor.Download download : resource.get().resources()) {
            if (download.name().equals(name)) {
                found = plugin.get().bundle().getEntry(strip(download.location()));
            } else if (download.name().endsWith("/") && name.startsWith(download.name())) {
                String location = strip(download.location());
                found = plugin.get().bundle().getEntry((location.endsWith("/") ? location : location + "/")
                        + name.substring(download.name().length()));
            }
            if (found != null) {
                break;
            }
        }
        Resources.send(found, name, response);
    }

    private static String strip(String location) {
        return location.startsWith("/") ? location.substring(1) : location;
    }
}
