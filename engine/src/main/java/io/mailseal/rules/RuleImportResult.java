package io.mailseal.rules;

import io.mailseal.imports.ImportProblem;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of reading a {@code .ruleimport} file: the rule set, or every problem. A rule file is the complete
 * target rule set, so one bad line makes the whole file invalid and nothing of it applies.
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
     * The rules, in the file's order.
     *
     * @param file       the file's name
     * @param ruleSet    the rules
     * @param terminated whether the file ended with the termination line {@code #####}; the rule notation does not
     *                   ask for it, so a file without it is still valid
     */
    record Valid(String file, RuleSet ruleSet, boolean terminated) implements RuleImportResult {

        /** Validates. */
        public Valid {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(ruleSet, "ruleSet");
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
}
