package io.mailseal.use.sync;

/**
 * The prefix a report gives an input line (the spec's "Sync report"), saying whether an action took place.
 */
public enum LinePrefix {
    /** {@code (%)}: nothing to do (the target state holds already, or the line only informs the run). */
    NOTHING("(%)"),
    /** {@code (+)}: something was (or is to be) created or added. */
    CREATE("(+)"),
    /** {@code (-)}: something was (or is to be) deleted, revoked or removed. */
    DELETE("(-)"),
    /** {@code (!)}: the line's action failed or cannot be done; the report's error part says why. Not in the spec. */
    FAILED("(!)");

    private final String text;

    LinePrefix(String text) {
        this.text = text;
    }

    /**
     * The prefix as the report prints it.
     *
     * @return e.g. {@code (+)}
     */
    public String text() {
        return text;
    }
}
