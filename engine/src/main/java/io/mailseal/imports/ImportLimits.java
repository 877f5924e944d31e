package io.mailseal.imports;

/**
 * Bounds on reading one import file, so that a broken or hostile file costs a problem, not the heap.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxLineLength the longest line read, in characters; a longer line is a {@code LINE_TOO_LONG} problem and is
 *                      skipped without being held. Default 4096.
 * @param maxLines      the most lines read; the line after is a {@code TOO_MANY_LINES} problem and reading stops.
 *                      Default 1,000,000.
 * @param maxProblems   the most problems kept; further ones are only counted. Default 1000.
 */
public record ImportLimits(int maxLineLength, int maxLines, int maxProblems) {

    /** 4096 characters a line, a million lines, the first 1000 problems. */
    public static final ImportLimits DEFAULTS = new ImportLimits(4096, 1_000_000, 1000);

    /** Validates the bounds. */
    public ImportLimits {
        if (maxLineLength < 80 || maxLines < 1 || maxProblems < 1) {
            throw new IllegalArgumentException("limits too small: line length " + maxLineLength + " (at least 80), lines "
                    + maxLines + ", problems " + maxProblems + " (at least 1)");
        }
    }
}
