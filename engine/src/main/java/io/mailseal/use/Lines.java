package io.mailseal.use;

import java.util.Objects;
import java.util.Optional;

/** Checks shared by the line records. Stateless. */
final class Lines {

    /** The longest {@code option:} value (it ends up in a mail subject). */
    static final int MAX_OPTION_LENGTH = 200;

    private Lines() {
    }

    static void checkLine(int line) {
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1: " + line);
        }
    }

    /** A text value: present values are not empty, have no blanks at either end, no ';' and no control characters. */
    static void checkText(String field, Optional<String> value) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty()) {
            return;
        }
        String text = value.get();
        boolean bad = text.isEmpty() || Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1));
        for (int i = 0; i < text.length() && !bad; i++) {
            char c = text.charAt(i);
            bad = c == ';' || c < 0x20 && c != '\t' || c == 0x7f;
        }
        if (bad) {
            throw new IllegalArgumentException(field + " must not be empty, have blanks at either end, ';' or"
                    + " control characters");
        }
    }
}
