package io.mailseal.sandbox.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import javax.servlet.http.HttpServletResponse;

/**
 * Sends files (the sandbox's static files, plugins' web resources) with a content type from their extension.
 *
 * <p>Stateless and thread-safe.
 */
final class Resources {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("css", "text/css;charset=UTF-8"), Map.entry("js", "text/javascript;charset=UTF-8"),
            Map.entry("png", "image/png"), Map.entry("gif", "image/gif"), Map.entry("svg", "image/svg+xml"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
            Map.entry("eot", "application/vnd.ms-fontobject"), Map.entry("json", "application/json"),
            Map.entry("html", "text/html;charset=UTF-8"), Map.entry("txt", "text/plain;charset=UTF-8"),
            Map.entry("map", "application/json"));

    private Resources() {
    }

    /**
     * Sends a resource, or 404 if it does not exist.
     *
     * @param resource the resource; null for none
     * @param name     its name, for the content type
     * @param response where it goes
     * @throws IOException if it cannot be read or written
     */
    static void send(URL resource, String name, HttpServletResponse response) throws IOException {
        if (resource == null || name.contains("..")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        response.setContentType(TYPES.getOrDefault(extension, "application/octet-stream"));
        response.setHeader("Cache-Control", "max-age=300");
        try (InputStream in = resource.openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }
}
