package io.mailseal.testkit.confluence;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Confluence's anti-XSS rule for Velocity templates (enforced for plugins since Confluence 4.0): every value a
 * reference inserts is HTML-encoded unless the reference's last name ends in {@code Html} (for example
 * {@code $bodyHtml} or {@code $row.linkHtml}). The hosts here apply it to every template, as Confluence does by
 * default; Mailseal's templates also opt in by their {@code .html.vm} names so the rule holds where an admin turned
 * enforcement off.
 *
 * <p>Stateless and thread-safe.
 */
public final class AntiXss {

    private static final Pattern LAST_NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)\\s*(?:\\([^)]*\\))?\\s*}?$");

    private AntiXss() {
    }

    /**
     * Whether a reference inserts its value as it is.
     *
     * @param reference the reference as written in the template, for example {@code $!{row.nameHtml}}
     * @return true when its last name ends in {@code Html} or {@code HTML}
     */
    public static boolean insertsMarkup(String reference) {
        Matcher name = LAST_NAME.matcher(reference);
        return name.find() && (name.group(1).endsWith("Html") || name.group(1).endsWith("HTML"));
    }

    /**
     * HTML-encodes text for element content and quoted attribute values.
     *
     * @param text the text; null gives ""
     * @return the text with {@code & < > " '} replaced by character references
     */
    public static String encode(Object text) {
        if (text == null) {
            return "";
        }
        String value = text.toString();
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }
}
