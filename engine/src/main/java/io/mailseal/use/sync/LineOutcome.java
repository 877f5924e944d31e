package io.mailseal.use.sync;

import java.util.Objects;
import java.util.Optional;

/**
 * What the sync does (or did) for one input line.
 *
 * <p>Immutable and thread-safe; the text is the line as rendered with secrets masked.
 *
 * @param line   the line number in its file, from 1; 0 for an outcome without a line of its own (a group member or a
 *               rule that the file leaves out and that is removed)
 * @param text   the line, canonical, secrets masked; not null
 * @param prefix what happens
 * @param note   why, in plain words (e.g. "has a valid managed key 0123..."); empty if the prefix says it all
 */
public record LineOutcome(int line, String text, LinePrefix prefix, Optional<String> note) {

    /** Validates. */
    public LineOutcome {
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative: " + line);
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(note, "note");
    }

    /**
     * An outcome with a note.
     *
     * @param line   the line number
     * @param text   the masked line
     * @param prefix what happens
     * @param note   why
     * @return the outcome
     */
    static LineOutcome of(int line, String text, LinePrefix prefix, String note) {
        return new LineOutcome(line, text, prefix, Optional.of(note));
    }

    /**
     * The same outcome with another prefix and note (after execution).
     *
     * @param newPrefix the prefix
     * @param newNote   the note
     * @return the outcome
     */
    LineOutcome with(LinePrefix newPrefix, String newNote) {
        return new LineOutcome(line, text, newPrefix, Optional.of(newNote));
    }

    /**
     * The report line: prefix, blank, text, and the note after {@code  -- }.
     *
     * @return the line
     */
    public String render() {
        return prefix.text() + " " + text + note.map(n -> "  -- " + n).orElse("");
    }
}
