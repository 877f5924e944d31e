package io.mailseal.use.sync;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a running sync to stop: actions not yet started are recorded as cancelled; an action already running (a key
 * being made) finishes, so the stores stay consistent.
 *
 * <p>Thread-safe: one thread cancels, the workers look.
 */
public final class SyncCancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Asks the sync to stop. */
    public void cancel() {
        cancelled.set(true);
    }

    /**
     * Whether the sync was asked to stop.
     *
     * @return true after {@link #cancel()}
     */
    public boolean isCancelled() {
        return cancelled.get();
    }
}
