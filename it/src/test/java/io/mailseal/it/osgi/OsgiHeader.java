package io.mailseal.it.osgi;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an OSGi manifest header such as {@code Import-Package} into its clauses.
 *
 * <p>Stateless.
 */
final class OsgiHeader {

    private OsgiHeader() {
    }

    /**
     * The clauses of a header, split on commas outside quotes, trimmed.
     *
     * @param header the header value; null gives no clauses
     * @return the clauses, in order
     */
    static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            clauses.add(current.toString().trim());
        }
        return clauses;
    }

    /**
     * The package (or path) a clause names: the text before its first attribute or directive.
     *
     * @param clause one clause
     * @return its name
     */
    static String name(String clause) {
        int semicolon = clause.indexOf(';');
        return (semicolon < 0 ? clause : clause.substring(0, semicolon)).trim();
    }
}
