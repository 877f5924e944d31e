package io.mailseal.rules;

import io.mailseal.imports.ImportProblem;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of reading a {@code .ruleimport} file: the rule set, every problem, or "incomplete" when the termination
 * line {@code #####} has not arrived. A rule file is the complete target rule set, so one bad line makes the whole
 * file invalid and nothing of it applies; and a file cut short (still uploading, or truncated) would replace the live
 * rules with a part of them, so a file without its termination line is never applied either.
 *
 * <p>Implementations are immutable values.
 */
public sealed interface RuleImportResult {

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
     * @return the count; 0 if valid
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
     * The rules of a complete file without problems, in the file's order.
     *
     * @param file    the file's name
     * @param ruleSet the rules
     * @param lines   the file line of each rule, in the same order (for reports)
     */
    record Valid(String file, RuleSet ruleSet, List<Integer> lines) implements RuleImportResult {

        /** Validates and copies. */
        public Valid {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(ruleSet, "ruleSet");
            lines = List.copyOf(lines);
            if (lines.size() != ruleSet.rules().size()) {
                throw new IllegalArgumentException("one line number per rule: " + lines.size() + " for "
                        + ruleSet.rules().size() + " rules");
            }
        }

        /**
         * The file line of a rule.
         *
         * @param index the rule's index in {@link #ruleSet()}
         * @return its line number (1 is the first line)
         */
        public int lineOf(int index) {
            return lines.get(index);
        }

        @Override
        public List<ImportProblem> problems() {
            return List.of();
        }

        @Override
        public int problemCount() {
            return 0;
        }
    }

    /**
     * The file has problems; nothing of it applies.
     *
     * @param file         the file's name
     * @param problems     the problems kept, at least one
     * @param problemCount how many there were in all
     */
    record Invalid(String file, List<ImportProblem> problems, int problemCount) implements RuleImportResult {

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
     * The termination line {@code #####} is missing: the file is probably still being uploaded (or was cut short).
     * It is not applied this cycle; a file that stays incomplete is reported. Problems found so far are kept.
     *
     * @param file         the file's name
     * @param lines        how many lines were read
     * @param problems     the problems found in what was read (kept ones)
     * @param problemCount how many there were in all
     */
    record Incomplete(String file, int lines, List<ImportProblem> problems, int problemCount)
            implements RuleImportResult {

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
