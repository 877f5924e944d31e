package io.mailseal.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code ;}-separated field of an import line, without the blanks around it, and where it starts. A field is
 * {@code name:value} (split at the first {@code :}, blanks after the {@code :} ignored) or a bare word.
 *
 * <p>Immutable and thread-safe.
 *
 * @param text   the field without leading and trailing blanks; may be empty
 * @param column where the text starts in the line, from 1
 */
public record ImportField(String text, int column) {

    /** Validates the field. */
    public ImportField {
        Objects.requireNonNull(text, "text");
        if (column < 1) {
            throw new IllegalArgumentException("column must be at least 1: " + column);
        }
    }

    /**
     * Splits a line at every {@code ;}. Blanks around each field are dropped, and so are empty fields at the end of
     * the line (a trailing {@code ;}), which spreadsheet exports often leave.
     *
     * @param line the line, without line terminator
     * @return at least one field (the first may be empty)
     */
    public static List<ImportField> split(String line) {
        List<ImportField> fields = new ArrayList<>(8);
        int start = 0;
        int length = line.length();
        while (true) {
            int end = line.indexOf(';', start);
            if (end < 0) {
                end = length;
            }
            int from = start;
            while (from < end && Character.isWhitespace(line.charAt(from))) {
                from++;
            }
            int to = end;
            while (to > from && Character.isWhitespace(line.charAt(to - 1))) {
                to--;
            }
            fields.add(new ImportField(line.substring(from, to), from + 1));
            if (end == length) {
                break;
            }
            start = end + 1;
        }
        while (fields.size() > 1 && fields.get(fields.size() - 1).isEmpty()) {
            fields.remove(fields.size() - 1);
        }
        return fields;
    }

    /**
     * Whether the field has no text.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return text.isEmpty();
    }

    /**
     * Whether the field is {@code name:value} (has a {@code :}).
     *
     * @return true if it has a colon
     */
    public boolean hasColon() {
        return text.indexOf(':') >= 0;
    }

    /**
     * The part before the first {@code :} without blanks, or the whole text if there is none.
     *
     * @return the name as written
     */
    public String name() {
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(0, colon).strip();
    }

    /**
     * The part after the first {@code :} without blanks around it; empty if there is no colon.
     *
     * @return the value
     */
    public String value() {
        int colon = text.indexOf(':');
        return colon < 0 ? "" : text.substring(colon + 1).strip();
    }

    /**
     * Where the value starts in the line (after the colon and any blanks), or where it would start if it is empty.
     *
     * @return the column, from 1
     */
    public int valueColumn() {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return column + text.length();
        }
        int at = colon + 1;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return column + at;
    }

    /** The column and the length only, never the text: a field may hold a secret. */
    @Override
    public String toString() {
        return "ImportField[column=" + column + ", length=" + text.length() + "]";
    }
}
