package io.mailseal.store;

import java.time.Instant;
import java.util.List;

/**
 * What the USE sync remembers between runs: the files it processed (name and SHA-256, so a file is processed exactly
 * once even if deleting it from the share failed), how many cycles a file has been seen incomplete (so one that stays
 * incomplete is reported), and the run history.
 *
 * <p>Implementations are thread-safe and bounded: at most {@link #MAX_PROCESSED} processed files (oldest forgotten
 * first), {@link #MAX_INCOMPLETE} incomplete files and {@link #MAX_RUNS} runs (oldest dropped first). One that cannot
 * reach its storage throws an unchecked exception.
 */
public interface SyncStateStore {

    /** The most processed files remembered. */
    int MAX_PROCESSED = 10_000;
    /** The most incomplete files tracked. */
    int MAX_INCOMPLETE = 1_000;
    /** The most runs kept in the history. */
    int MAX_RUNS = 200;

    /**
     * Whether a file with this name and content was processed before.
     *
     * @param name   the file name on the share
     * @param sha256 the content's SHA-256, lower-case hex
     * @return true if recorded by {@link #recordProcessed}
     */
    boolean wasProcessed(String name, String sha256);

    /**
     * Records that a file was processed (applied, or rejected as invalid), and forgets its incomplete count.
     *
     * @param name   the file name on the share
     * @param sha256 the content's SHA-256, lower-case hex
     * @param at     when
     */
    void recordProcessed(String name, String sha256, Instant at);

    /**
     * Counts one more cycle in which a file was incomplete.
     *
     * @param name the file name on the share
     * @param at   when it was seen
     * @return how many cycles in a row it has now been seen incomplete, from 1
     */
    int countIncomplete(String name, Instant at);

    /**
     * Forgets a file's incomplete count (it completed, or disappeared).
     *
     * @param name the file name on the share
     */
    void forgetIncomplete(String name);

    /**
     * Adds a run to the history, dropping the oldest beyond {@link #MAX_RUNS}.
     *
     * @param run the run; not null
     */
    void appendRun(SyncRun run);

    /**
     * The newest runs, newest started first.
     *
     * @param limit how many at most, 1 to {@link #MAX_RUNS}
     * @return the runs; empty if none
     * @throws IllegalArgumentException if the limit is outside 1 to {@link #MAX_RUNS}
     */
    List<SyncRun> newestRuns(int limit);

    /**
     * Checks a read limit, for implementations.
     *
     * @param limit the limit asked for
     * @return the limit
     * @throws IllegalArgumentException if it is outside 1 to {@link #MAX_RUNS}
     */
    static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_RUNS) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_RUNS + ", not " + limit);
        }
        return limit;
    }
}
