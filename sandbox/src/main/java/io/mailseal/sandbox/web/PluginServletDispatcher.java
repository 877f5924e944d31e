package io.mailseal.sandbox.web;

import io.mailseal.sandbox.plugin.PluginHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

/**
 * Serves {@code /plugins/servlet/...} as Confluence does: the plugin servlet module whose URL pattern matches handles
 * the request, with the plugin bundle's class loader as the thread's context class loader, and sees its own servlet
 * path ({@code /plugins/servlet} plus the pattern's fixed part) and path info. An HTML page whose head names a
 * decorator ({@code <meta name="decorator" content="atl.admin">}) is put into that {@link Layout}: its title, the rest
 * of its head and its body; anything else goes out as the servlet wrote it. The servlet does its own security checks
 * (login, admin, WebSudo, XSRF) through the host's services, as inside Confluence.
 *
 * <p>Thread-safe: stateless; the servlets are the plugins'.
 */
public final class PluginServletDispatcher extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern DECORATOR = Pattern.compile(
            "<meta\\s+[^>]*name\\s*=\\s*[\"']decorator[\"'][^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT = Pattern.compile("content\\s*=\\s*[\"']([^\"']*)[\"']",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HEAD = Pattern.compile("<head[^>]*>(.*?)</head>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern BODY = Pattern.compile("<body[^>]*>(.*)</body>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final transient PluginHost plugins;
    private final transient Layout layout;

    /**
     * Creates the dispatcher.
     *
     * @param plugins the started plugins
     * @param layout  the layout pages are decorated with
     */
    public PluginServletDispatcher(PluginHost plugins, Layout layout) {
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        Optional<PluginHost.ServletMatch> match = plugins.servletFor(path);
        if (match.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no plugin servlet serves " + path);
            return;
        }
        Servlet servlet = plugins.servlet(match.get(), getServletContext());
        BufferedResponse buffered = new BufferedResponse(response);
        HttpServletRequest moduleRequest = new ModuleRequest(request, match.get());
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(match.get().plugin().classLoader());
        try {
            servlet.service(moduleRequest, buffered);
        } finally {
            thread.setContextClassLoader(before);
        }
        if (buffered.passedThrough()) {
            return;
        }
        byte[] body = buffered.body();
        String type = buffered.getContentType() == null ? "" : buffered.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html")) {
            String html = new String(body, buffered.charset());
            Optional<String> decorator = decorator(html);
            if (decorator.isPresent()) {
                String page = layout.render(request, page(html, decorator.get()));
                byte[] decorated = page.getBytes(StandardCharsets.UTF_8);
                response.setContentType("text/html;charset=UTF-8");
                response.setContentLength(decorated.length);
                response.getOutputStream().write(decorated);
                return;
            }
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The decorator a page asks for.
     *
     * @param html the page
     * @return the {@code content} of its {@code <meta name="decorator">}, if it has one in its head
     */
    static Optional<String> decorator(String html) {
        Matcher head = HEAD.matcher(html);
        if (!head.find()) {
            return Optional.empty();
        }
        Matcher meta = DECORATOR.matcher(head.group(1));
        if (!meta.find()) {
            return Optional.empty();
        }
        Matcher content = CONTENT.matcher(meta.group());
        return content.find() ? Optional.of(content.group(1).strip()) : Optional.empty();
    }

    /** Splits a page into title, head (without title and decorator meta) and body. */
    static Layout.Page page(String html, String decorator) {
        Matcher head = HEAD.matcher(html);
        String headHtml = head.find() ? head.group(1) : "";
        Matcher title = TITLE.matcher(headHtml);
        String titleText = title.find() ? unescape(title.group(1).strip()) : "";
        headHtml = TITLE.matcher(headHtml).replaceAll("");
        headHtml = DECORATOR.matcher(headHtml).replaceAll("");
        headHtml = headHtml.replaceAll("(?i)<meta\\s+charset[^>]*>", "");
        Matcher body = BODY.matcher(html);
        String bodyHtml = body.find() ? body.group(1) : html;
        return new Layout.Page(titleText, decorator, headHtml.strip(), bodyHtml);
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** The request as the module's servlet sees it: its own servlet path and path info. */
    private static final class ModuleRequest extends HttpServletRequestWrapper {

        private final String servletPath;
        private final String pathInfo;

        ModuleRequest(HttpServletRequest request, PluginHost.ServletMatch match) {
            super(request);
            String full = "/plugins/servlet" + (request.getPathInfo() == null ? "" : request.getPathInfo());
            if (match.pattern().endsWith("/*")) {
                this.servletPath = match.servletPath();
                String rest = full.substring(Math.min(full.length(), servletPath.length()));
                this.pathInfo = rest.isEmpty() ? null : rest;
            } else {
                this.servletPath = full;
                this.pathInfo = null;
            }
        }

        @Override
        public String getServletPath() {
            return servletPath;
        }

        @Override
        public String getPathInfo() {
            return pathInfo;
        }
    }
}
