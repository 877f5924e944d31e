package io.mailseal.imports;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One problem in an import file: where it is and, in plain words, what is wrong. The message never contains a secret
 * (a passphrase or a rule's password), not even part of one.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file    the file's name as the caller gave it (usually without directory)
 * @param line    the line, counted from 1 (blank lines count)
 * @param column  the column of the offending field or value, counted from 1 in characters (a byte-order mark does
 *                not count); empty where no single place is to blame (a missing field)
 * @param kind    what sort of problem it is, for callers that act on it
 * @param message what is wrong, in plain words
 */
public record ImportProblem(String file, int line, OptionalInt column, Kind kind, String message) {

    /** The sorts of problem. */
    public enum Kind {
        /** The line is not made of {@code name:value} fields separated by {@code ;} as the format asks. */
        SYNTAX,
        /** The line's identifier (the name before the first {@code :}) is not one of the format's. */
        UNKNOWN_IDENTIFIER,
        /** A sub-identifier is not one the line's identifier takes. */
        UNKNOWN_SUB_IDENTIFIER,
        /** A rule option is not one of the format's. */
        UNKNOWN_OPTION,
        /** An {@code option:} line names something other than the allowed options. */
        OPTION_NOT_ALLOWED,
        /** Two options of one rule contradict each other or cannot be combined. */
        CONFLICTING_OPTIONS,
        /** A sub-identifier is known but not allowed with the line's other values. */
        FIELD_NOT_ALLOWED,
        /** Not an e-mail address (or not an address, domain, group or {@code *} where one of those is asked). */
        BAD_ADDRESS,
        /** A value is not one the field allows. */
        BAD_VALUE,
        /** A PGP key length other than 1024, 2048 or 4096, or one the key type does not allow. */
        BAD_KEY_LENGTH,
        /** Key length 1024 while weak keys are not allowed. */
        WEAK_KEY,
        /** A validity other than {@code 1y} to {@code 10y}. */
        BAD_VALIDITY,
        /** A field the line needs is missing or empty. */
        MISSING_FIELD,
        /** The same thing twice where once is the rule (a field in a line, an entry in a group, a rule's from and to). */
        DUPLICATE,
        /** Two lines ask for opposite key states of one address. */
        CONTRADICTORY_STATES,
        /** A rule names a group that does not exist. */
        UNKNOWN_GROUP,
        /** A rule comes after one that matches every mail, so it can never apply. */
        NEVER_APPLIES,
        /** The line is longer than the limit; it was not read. */
        LINE_TOO_LONG,
        /** The line is not valid UTF-8. */
        NOT_UTF8,
        /** The file has more lines than the limit; the rest was not read. */
        TOO_MANY_LINES,
        /** Something other than blank lines follows the termination line {@code #####}. */
        AFTER_TERMINATION
    }

    /** Validates the problem. */
    public ImportProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1: " + line);
        }
        if (column.isPresent() && column.getAsInt() < 1) {
            throw new IllegalArgumentException("column must be at least 1: " + column.getAsInt());
        }
    }

    /**
     * {@code file:line: message}, the form compilers use.
     *
     * @return the problem as one line
     */
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
