package io.mailseal.use;

import io.mailseal.imports.ImportProblem;
import io.mailseal.rules.Groups;
import io.mailseal.settings.Secret;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of reading a {@code .useimport} file: its lines, every problem, or "incomplete" when the termination
 * line {@code #####} has not arrived (the file is probably still being uploaded; skip it this cycle).
 *
 * <p>Implementations are immutable values; {@code toString()} never shows a line's content.
 */
public sealed interface UseImportResult {

    /**
     * The file's name as the caller gave it.
     *
     * @return the name
     */
    String file();

    /**
     * The problems kept (the first {@code maxProblems}), in file order; empty if valid.
     *
     * @return the problems
     */
    List<ImportProblem> problems();

    /**
     * How many problems there were, including those not kept.
     *
     * @return the count
     */
    int problemCount();

    /**
     * Whether the file ended with its termination line.
     *
     * @return false only for {@link Incomplete}
     */
    default boolean complete() {
        return !(this instanceof Incomplete);
    }

    /**
     * Whether the file can be applied.
     *
     * @return true only for {@link Valid}
     */
    default boolean valid() {
        return this instanceof Valid;
    }

    /**
     * A complete file without problems.
     *
     * @param file    the file's name
     * @param lines   every line with content, in file order
     * @param options the run options, each the last the file gives
     */
    record Valid(String file, List<UseLine> lines, RunOptions options) implements UseImportResult {

        /** Validates and copies. */
        public Valid {
            Objects.requireNonNull(file, "file");
            lines = List.copyOf(lines);
            Objects.requireNonNull(options, "options");
        }

        @Override
        public List<ImportProblem> problems() {
            return List.of();
        }

        @Override
        public int problemCount() {
            return 0;
        }

        /**
         * The groups the file states, each in full.
         *
         * @return the groups of the {@code group:} lines
         */
        public Groups groups() {
            Groups.Builder groups = Groups.builder();
            for (UseLine line : lines) {
                if (line instanceof UseLine.GroupEntry entry) {
                    groups.add(entry.group(), entry.member());
                }
            }
            return groups.build();
        }

        /**
         * The passphrases to try on imported private keys, in file order, each once.
         *
         * @return the passphrases
         */
        public List<Secret> passphrases() {
            List<Secret> passphrases = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (UseLine line : lines) {
                if (line instanceof UseLine.Passphrase passphrase && seen.add(passphrase.value().reveal())) {
                    passphrases.add(passphrase.value());
                }
            }
            return List.copyOf(passphrases);
        }

        /** The file and the number of lines, never their content. */
        @Override
        public String toString() {
            return "Valid[file=" + file + ", lines=" + lines.size() + ", options=" + options + "]";
        }
    }

    /**
     * A complete file with problems; nothing of it applies.
     *
     * @param file         the file's name
     * @param problems     the problems kept, at least one
     * @param problemCount how many there were in all
     */
    record Invalid(String file, List<ImportProblem> problems, int problemCount) implements UseImportResult {

        /** Validates and copies. */
        public Invalid {
            Objects.requireNonNull(file, "file");
            problems = List.copyOf(problems);
            if (problems.isEmpty() || problemCount < problems.size()) {
                throw new IllegalArgumentException("an invalid file needs a problem, and the count covers the kept ones");
            }
        }
    }

    /**
     * The termination line {@code #####} is missing: the file is probably still being uploaded. Not an error by
     * itself; a file that stays incomplete is reported. Problems found so far are kept (they may come from the cut).
     *
     * @param file         the file's name
     * @param lines        how many lines were read
     * @param problems     the problems found in what was read (kept ones)
     * @param problemCount how many there were in all
     */
    record Incomplete(String file, int lines, List<ImportProblem> problems, int problemCount)
            implements UseImportResult {

        /** Validates and copies. */
        public Incomplete {
            Objects.requireNonNull(file, "file");
            problems = List.copyOf(problems);
            if (problemCount < problems.size()) {
                throw new IllegalArgumentException("the count covers the kept problems");
            }
        }
    }
}
