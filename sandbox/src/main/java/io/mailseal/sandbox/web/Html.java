package io.mailseal.sandbox.web;

import io.mailseal.testkit.confluence.AntiXss;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * HTML escaping and the checks on user-supplied redirect targets.
 *
 * <p>Stateless and thread-safe.
 */
public final class Html {

    private Html() {
    }

    /**
     * Escapes text for HTML element content and quoted attribute values.
     *
     * @param text the text; null gives ""
     * @return the text with {@code & < > " '} replaced by entities
     */
    public static String escape(Object text) {
        return AntiXss.encode(text);
    }

    /**
     * URL-encodes a query parameter value.
     *
     * @param value the value
     * @return the encoded value
     */
    public static String url(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    /**
     * A redirect target a user may choose: a path on this server ({@code /...}, not {@code //...} and without a
     * scheme or host), or the fallback.
     *
     * @param destination what the request asked for; may be null
     * @param fallback    where to go instead
     * @return a safe local path
     */
    public static String localPath(String destination, String fallback) {
        if (destination == null || destination.isBlank() || !destination.startsWith("/")
                || destination.startsWith("//") || destination.contains("\\")) {
            return fallback;
        }
        try {
            URI uri = new URI(destination);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? destination : fallback;
        } catch (URISyntaxException e) {
            return fallback;
        }
    }
}
