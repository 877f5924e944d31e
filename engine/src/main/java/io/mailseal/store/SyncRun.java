package io.mailseal.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One USE sync run, for the admin's run history.
 *
 * <p>Immutable and thread-safe. The report never holds a secret (passphrases and rule passwords are masked).
 *
 * @param id       the run's id (unique per run); not blank
 * @param started  when it started; not null
 * @param finished when it finished; not before {@code started}
 * @param outcome  how it went
 * @param files    the import files it read, by name
 * @param summary  one line for the history list, e.g. "2 files, 12 lines: 3 created, 1 deleted, 0 errors"
 * @param report   the report as sent (text), at most {@link #MAX_REPORT_CHARS} characters (longer ones are cut with a
 *                 note by {@link #of})
 */
public record SyncRun(String id, Instant started, Instant finished, Outcome outcome, List<String> files,
                      String summary, String report) {

    /** The longest report kept in the history; the full report went out by mail and to the share. */
    public static final int MAX_REPORT_CHARS = 1_000_000;

    /** How a run went. */
    public enum Outcome {
        /** There was nothing to read (no complete import file, no key file). */
        NOTHING_TO_DO,
        /** Every file was valid and every action done. */
        SUCCEEDED,
        /** Some files were invalid or some actions failed; the rest was applied. */
        PARTLY_FAILED,
        /** The run could not work at all (the share could not be reached, a store failed). */
        FAILED,
        /** The run was cancelled; what was done before stays done. */
        CANCELLED
    }

    /** Validates and copies. */
    public SyncRun {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        if (finished.isBefore(started)) {
            throw new IllegalArgumentException("a run finishes after it starts");
        }
        Objects.requireNonNull(outcome, "outcome");
        files = List.copyOf(files);
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(report, "report");
        if (report.length() > MAX_REPORT_CHARS) {
            throw new IllegalArgumentException("report longer than " + MAX_REPORT_CHARS + " characters; use of()");
        }
    }

    /**
     * A run, cutting an over-long report with a note.
     *
     * @param id       the run's id
     * @param started  when it started
     * @param finished when it finished
     * @param outcome  how it went
     * @param files    the files read
     * @param summary  the one-line summary
     * @param report   the full report
     * @return the run
     */
    public static SyncRun of(String id, Instant started, Instant finished, Outcome outcome, List<String> files,
                             String summary, String report) {
        String note = "\n... (report cut: the full report went out by mail and to the share)\n";
        String kept = report.length() <= MAX_REPORT_CHARS ? report
                : report.substring(0, MAX_REPORT_CHARS - note.length()) + note;
        return new SyncRun(id, started, finished, outcome, files, summary, kept);
    }
}
