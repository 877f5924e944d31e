package io.mailseal.use.sync;

import java.util.List;
import java.util.Objects;

/**
 * How one action of a plan went.
 *
 * <p>Immutable and thread-safe; the detail never holds a secret.
 *
 * @param action the action
 * @param status how it went
 * @param detail what was done (e.g. "made key 0123..."), or why it failed, in plain words
 * @param certificates what happened at the certificate authority (certificate actions only; else empty)
 */
public record ActionResult(SyncAction action, Status status, String detail,
                           List<CertificateTransaction> certificates) {

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
        certificates = List.copyOf(certificates);
    }

    /**
     * A result without certificate transactions.
     *
     * @param action the action
     * @param status how it went
     * @param detail what was done, or why it failed
     */
    public ActionResult(SyncAction action, Status status, String detail) {
        this(action, status, detail, List.of());
    }
}
