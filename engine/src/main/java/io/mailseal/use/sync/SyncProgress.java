package io.mailseal.use.sync;

/**
 * Hears how far a sync has come, for the admin page's live progress.
 *
 * <p>Called from the executor's worker threads: implementations must be thread-safe and quick (never block).
 */
@FunctionalInterface
public interface SyncProgress {

    /** Hears nothing. */
    SyncProgress NONE = (file, done, total) -> { };

    /**
     * One more action of a file is finished (done, failed or cancelled).
     *
     * @param file  the input the action belongs to
     * @param done  how many of its actions are finished
     * @param total how many it has
     */
    void progress(String file, int done, int total);
}
