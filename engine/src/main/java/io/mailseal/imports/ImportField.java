package io.mailseal.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code ;}-separated field of an import line, without the blanks around it, and where it starts. A field is
 * {@code name:value} (split at the first {@code :}, blanks after the {@code :} ignored) or a bare word. Name and value
 * are split once, when the field is made.
 *
 * <p>Immutable and thread-safe. Equal when text and column are; {@code toString()} never shows the text (it may be a
 * secret).
 */
public final class ImportField {

    private final String text;
    private final int column;
    private final boolean colon;
    private final String name;
    private final String value;
    private final int valueColumn;

    /**
     * A field.
     *
     * @param text   the field without blanks at either end; may be empty
     * @param column where the text starts in the line, from 1
     * @throws IllegalArgumentException if the column is below 1 or the text has blanks at either end
     */
    public ImportField(String text, int column) {
        Objects.requireNonNull(text, "text");
        if (column < 1) {
            throw new IllegalArgumentException("column must be at least 1: " + column);
        }
        if (!text.isEmpty() && (Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1)))) {
            throw new IllegalArgumentException("a field's text has no blanks at either end");
        }
        this.text = text;
        this.column = column;
        int at = text.indexOf(':');
        this.colon = at >= 0;
        if (at < 0) {
            this.name = text;
            this.value = "";
            this.valueColumn = column + text.length();
        } else {
            int end = at;
            while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            int start = at + 1;
            while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            this.name = text.substring(0, end);
            this.value = text.substring(start);
            this.valueColumn = column + start;
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
     * The field without blanks at either end.
     *
     * @return the text; may be empty
     */
    public String text() {
        return text;
    }

    /**
     * Where the text starts in the line.
     *
     * @return the column, from 1
     */
    public int column() {
        return column;
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
        return colon;
    }

    /**
     * The part before the first {@code :} without blanks, or the whole text if there is none.
     *
     * @return the name as written
     */
    public String name() {
        return name;
    }

    /**
     * The part after the first {@code :} without blanks around it; empty if there is no colon.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    /**
     * Where the value starts in the line (after the colon and any blanks), or where it would start if it is empty.
     *
     * @return the column, from 1
     */
    public int valueColumn() {
        return valueColumn;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImportField field && field.column == column && field.text.equals(text);
    }

    @Override
    public int hashCode() {
        return 31 * text.hashCode() + column;
    }

    /** The column and the length only, never the text: a field may hold a secret. */
    @Override
    public String toString() {
        return "ImportField[column=" + column + ", length=" + text.length() + "]";
    }
}
