package io.mailseal.use.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What applying a plan gave: a result for every action.
 *
 * <p>Immutable and thread-safe.
 *
 * @param plan    the plan
 * @param results one per action, in the plan's order
 */
public record Execution(SyncPlan plan, List<ActionResult> results) {

    /** Validates and copies. */
    public Execution {
        Objects.requireNonNull(plan, "plan");
        results = List.copyOf(results);
        if (results.size() != plan.actions().size()) {
            throw new IllegalArgumentException("one result per action");
        }
    }

    /**
     * The plan's line outcomes as they turned out: a line whose key or group action failed or was cancelled gets
     * {@link LinePrefix#FAILED} and the reason (a group's first line stands for its group); a done key action adds
     * what was done (the new key's fingerprint) to the planned note; an imported key file gets what was imported.
     *
     * @return the outcomes, in the plan's order
     */
    public List<LineOutcome> outcomes() {
        Map<Integer, ActionResult> byLine = new HashMap<>();
        ActionResult fileResult = null;
        for (ActionResult result : results) {
            SyncAction action = result.action();
            if (action instanceof SyncAction.CreatePgpKey || action instanceof SyncAction.DeletePgpKeys
                    || action instanceof SyncAction.SetGroup || action instanceof SyncAction.IssueCertificate
                    || action instanceof SyncAction.RevokeCertificates) {
                byLine.put(action.line(), result);
            } else if (action instanceof SyncAction.ImportPublicKeys || action instanceof SyncAction.ImportPrivateKey) {
                fileResult = result;
            }
        }
        List<LineOutcome> outcomes = new ArrayList<>(plan.lines().size());
        for (LineOutcome outcome : plan.lines()) {
            ActionResult result = outcome.line() > 0 ? byLine.get(outcome.line()) : fileResult;
            if (result == null || result.status() == ActionResult.Status.DONE
                    && result.action() instanceof SyncAction.SetGroup) {
                outcomes.add(outcome);
            } else if (result.status() == ActionResult.Status.DONE && result == fileResult) {
                outcomes.add(outcome.with(outcome.prefix(), result.detail()));
            } else if (result.status() == ActionResult.Status.DONE) {
                outcomes.add(outcome.with(outcome.prefix(), outcome.note().map(note -> note + "; ").orElse("")
                        + result.detail()));
            } else {
                outcomes.add(outcome.with(LinePrefix.FAILED, result.status() == ActionResult.Status.CANCELLED
                        ? "cancelled before it was done" : result.detail()));
            }
        }
        return outcomes;
    }

    /**
     * What happened at the certificate authority, in the plan's order.
     *
     * @return the transactions
     */
    public List<CertificateTransaction> certificates() {
        return results.stream().flatMap(result -> result.certificates().stream()).toList();
    }

    /**
     * The actions that failed or were cancelled.
     *
     * @return the results, in the plan's order
     */
    public List<ActionResult> failures() {
        return results.stream().filter(result -> result.status() != ActionResult.Status.DONE).toList();
    }
}
