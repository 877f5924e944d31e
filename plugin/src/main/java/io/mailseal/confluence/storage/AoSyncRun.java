package io.mailseal.confluence.storage;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * One USE sync run of the history: table {@code AO_EDB82B_SYNC_RUN}. The report is not preloaded, so the history list
 * reads only the small columns. Read and written only by {@link AoSyncStateStore}, which keeps the newest
 * {@link io.mailseal.store.SyncStateStore#MAX_RUNS}.
 *
 * <p>Not thread-safe (an Active Objects proxy); never shared.
 */
@Table("SYNC_RUN")
public interface AoSyncRun extends Entity {

    /** Column of {@link #getRunId()}. */
    String RUN_ID = "RUN_ID";
    /** Column of {@link #getStartedAt()}. */
    String STARTED_AT = "STARTED_AT";
    /** Column of {@link #getFinishedAt()}. */
    String FINISHED_AT = "FINISHED_AT";
    /** Column of {@link #getOutcome()}. */
    String OUTCOME = "OUTCOME";
    /** Column of {@link #getFiles()}. */
    String FILES = "FILES";
    /** Column of {@link #getSummary()}. */
    String SUMMARY = "SUMMARY";
    /** Column of {@link #getReport()}. */
    String REPORT = "REPORT";

    /** @return the run's id */
    @NotNull
    @StringLength(64)
    String getRunId();

    /** @param runId the run's id */
    void setRunId(String runId);

    /** @return when it started, milliseconds since the epoch */
    @NotNull
    @Indexed
    long getStartedAt();

    /** @param startedAt milliseconds since the epoch */
    void setStartedAt(long startedAt);

    /** @return when it finished, milliseconds since the epoch */
    @NotNull
    long getFinishedAt();

    /** @param finishedAt milliseconds since the epoch */
    void setFinishedAt(long finishedAt);

    /** @return the outcome's name */
    @NotNull
    @StringLength(32)
    String getOutcome();

    /** @param outcome the outcome's name */
    void setOutcome(String outcome);

    /** @return the files read, one name a line; null for none */
    @StringLength(StringLength.UNLIMITED)
    String getFiles();

    /** @param files the file names, one a line, or null */
    void setFiles(String files);

    /** @return the one-line summary; null for empty */
    @StringLength(450)
    String getSummary();

    /** @param summary the summary, or null */
    void setSummary(String summary);

    /** @return the report text; null for empty */
    @StringLength(StringLength.UNLIMITED)
    String getReport();

    /** @param report the report, or null */
    void setReport(String report);
}
