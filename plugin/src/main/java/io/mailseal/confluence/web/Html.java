package io.mailseal.confluence.web;

/**
 * HTML escaping for text put into a page: safe in element content and in quoted attribute values.
 *
 * <p>Stateless and thread-safe.
 */
public final class Html {

    private Html() {
    }

    /**
     * Escapes text: {@code & < > " '} become character references; null becomes the empty string.
     *
     * @param text the raw text; may be null
     * @return the escaped text
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
