package io.mailseal.imports;

import io.mailseal.imports.ImportProblem.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The problems of one file as a parser finds them: the first {@link ImportLimits#maxProblems()} are kept, the rest
 * only counted, so a file that is wrong on every line costs a bounded amount of memory.
 *
 * <p>Mutable; not thread-safe: one instance per file being read.
 */
public final class ImportProblems {

    private final String file;
    private final int maxKept;
    private final List<ImportProblem> kept = new ArrayList<>();
    private int count;

    /**
     * Starts an empty list.
     *
     * @param file    the file's name, as problems will show it
     * @param maxKept how many problems to keep; at least 1
     */
    public ImportProblems(String file, int maxKept) {
        this.file = Objects.requireNonNull(file, "file");
        if (maxKept < 1) {
            throw new IllegalArgumentException("maxKept must be at least 1: " + maxKept);
        }
        this.maxKept = maxKept;
    }

    /**
     * Records a problem.
     *
     * @param line    the line, from 1
     * @param column  the column, from 1, or 0 when no single place is to blame
     * @param kind    the sort of problem
     * @param message what is wrong; never a secret
     */
    public void add(int line, int column, Kind kind, String message) {
        count++;
        if (kept.size() < maxKept) {
            kept.add(new ImportProblem(file, line, column > 0 ? OptionalInt.of(column) : OptionalInt.empty(), kind,
                    message));
        }
    }

    /**
     * How many problems were recorded, kept or not.
     *
     * @return the count
     */
    public int count() {
        return count;
    }

    /**
     * Whether no problem was recorded.
     *
     * @return true if the file has no problem so far
     */
    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * The problems kept, in the order they were found (file order).
     *
     * @return an immutable copy
     */
    public List<ImportProblem> kept() {
        return List.copyOf(kept);
    }

    /**
     * The file's name.
     *
     * @return the name the problems show
     */
    public String file() {
        return file;
    }
}
