package io.mailseal.use.sync;

import java.util.Objects;

/**
 * How one action of a plan went.
 *
 * <p>Immutable and thread-safe; the detail never holds a secret.
 *
 * @param action the action
 * @param status how it went
 * @param detail what was done (e.g. "made key 0123..."), or why it failed, in plain words
 */
public record ActionResult(SyncAction action, Status status, String detail) {

    /** How an action went. */
    public enum Status {
        /** Done. */
        DONE,
        /** Failed; the detail says why. The other actions went on. */
        FAILED,
        /** Not started: the sync was cancelled. */
        CANCELLED
    }

    /** Validates. */
    public ActionResult {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }
}
