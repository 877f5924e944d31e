package io.mailseal.use.sync;

import io.mailseal.use.RunOptions;
import java.util.List;
import java.util.Objects;

/**
 * What one input file asks the sync to do: an outcome for every line (for the report) and the actions that make
 * the current state the target state. Running the same file again after the plan was applied gives a plan without
 * actions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file    the input's name (an import file, or a key file of the share)
 * @param kind    what the input is
 * @param lines   every line's outcome, in file order, then the outcomes without a line of their own (removals)
 * @param actions the changes, in file order
 * @param options the run options the file sets ({@link RunOptions#NONE} for other inputs)
 * @param overLimit the outcomes of lines that create no certificate because the live-certificate limit is reached
 *                  (also among {@code lines}); the admins are alerted
 */
public record SyncPlan(String file, Kind kind, List<LineOutcome> lines, List<SyncAction> actions,
                       RunOptions options, List<LineOutcome> overLimit) {

    /** What an input is. */
    public enum Kind {
        /** A {@code .useimport} file. */
        USE_IMPORT,
        /** A {@code .ruleimport} file. */
        RULE_IMPORT,
        /** A file of the share's public-key directory. */
        PUBLIC_KEYS,
        /** A file of the share's private-key directory. */
        PRIVATE_KEY,
        /** A semi-automatic certificate CSV, imported by an admin ({@link CertificateBatch}). */
        CERTIFICATE_BATCH,
        /** The WatchDog's cycle over the S/MIME users list. */
        WATCHDOG
    }

    /** Validates and copies. */
    public SyncPlan {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        lines = List.copyOf(lines);
        actions = List.copyOf(actions);
        Objects.requireNonNull(options, "options");
        overLimit = List.copyOf(overLimit);
    }

    /**
     * A plan that no limit cut.
     *
     * @param file    the input's name
     * @param kind    what the input is
     * @param lines   every line's outcome
     * @param actions the changes
     * @param options the run options
     */
    public SyncPlan(String file, Kind kind, List<LineOutcome> lines, List<SyncAction> actions, RunOptions options) {
        this(file, kind, lines, actions, options, List.of());
    }

    /**
     * Whether there is nothing to change.
     *
     * @return true if there are no actions
     */
    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /**
     * The certificates the plan issues.
     *
     * @return the issue actions, in plan order
     */
    public List<SyncAction.IssueCertificate> issues() {
        return actions.stream().filter(SyncAction.IssueCertificate.class::isInstance)
                .map(SyncAction.IssueCertificate.class::cast).toList();
    }

    /**
     * The plan as semi-automatic mode runs it: without its issue actions, whose lines say that the certificate is
     * in the instructions for the admins and nothing was created.
     *
     * @return the plan without issues
     */
    public SyncPlan withIssuesDeferred() {
        java.util.Set<Integer> deferred = new java.util.HashSet<>();
        issues().forEach(issue -> deferred.add(issue.line()));
        List<LineOutcome> changed = lines.stream().map(outcome -> outcome.line() > 0 && deferred.contains(
                outcome.line()) ? outcome.with(LinePrefix.NOTHING, "semi-automatic mode: nothing created; written to"
                + " the certificate instructions for the admins (" + outcome.note().orElse("") + ")") : outcome)
                .toList();
        return new SyncPlan(file, kind, changed, actions.stream().filter(action ->
                !(action instanceof SyncAction.IssueCertificate)).toList(), options, overLimit);
    }

    /** The file and the counts, never the content. */
    @Override
    public String toString() {
        return "SyncPlan[" + file + ", " + kind + ", " + lines.size() + " lines, " + actions.size() + " actions]";
    }
}
