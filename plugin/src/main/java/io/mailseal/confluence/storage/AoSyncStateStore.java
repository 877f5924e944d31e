package io.mailseal.confluence.storage;

import com.atlassian.activeobjects.external.ActiveObjects;
import io.mailseal.store.SyncRun;
import io.mailseal.store.SyncStateStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.java.ao.Query;
import net.java.ao.RawEntity;

/**
 * What the USE sync remembers, in Active Objects: processed and incomplete files in {@link AoSyncFile}, the run
 * history in {@link AoSyncRun}. Each kind is bounded as {@link SyncStateStore} says: a write beyond the bound deletes
 * the oldest rows in the same transaction.
 *
 * <p>Thread-safe: no state of its own besides the injected service. Two nodes writing at once may briefly keep one
 * row more than the bound; the next write trims it.
 */
public final class AoSyncStateStore implements SyncStateStore {

    private static final String PROCESSED = AoSyncFile.SHA256 + " IS NOT NULL";
    private static final String INCOMPLETE = AoSyncFile.SHA256 + " IS NULL";

    private final ActiveObjects ao;

    /**
     * Creates the store.
     *
     * @param ao the plugin's Active Objects (the {@code ao-module} declares {@link AoSyncFile} and {@link AoSyncRun})
     */
    public AoSyncStateStore(ActiveObjects ao) {
        this.ao = Objects.requireNonNull(ao, "ao");
    }

    @Override
    public boolean wasProcessed(String name, String sha256) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        return ao.executeInTransaction(() -> ao.count(AoSyncFile.class, AoSyncFile.FILE_NAME + " = ? AND "
                + AoSyncFile.SHA256 + " = ?", name, sha256) > 0);
    }

    @Override
    public void recordProcessed(String name, String sha256, Instant at) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(at, "at");
        ao.executeInTransaction(() -> {
            ao.deleteWithSQL(AoSyncFile.class, AoSyncFile.FILE_NAME + " = ? AND (" + INCOMPLETE + " OR "
                    + AoSyncFile.SHA256 + " = ?)", name, sha256);
            ao.create(AoSyncFile.class, file(name, sha256, 0, at));
            trim(AoSyncFile.class, PROCESSED, AoSyncFile.SEEN_AT, MAX_PROCESSED);
            return null;
        });
    }

    @Override
    public int countIncomplete(String name, Instant at) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        return ao.executeInTransaction(() -> {
            AoSyncFile[] rows = ao.find(AoSyncFile.class, AoSyncFile.FILE_NAME + " = ? AND " + INCOMPLETE, name);
            int cycles = Arrays.stream(rows).mapToInt(AoSyncFile::getCycles).max().orElse(0) + 1;
            ao.deleteWithSQL(AoSyncFile.class, AoSyncFile.FILE_NAME + " = ? AND " + INCOMPLETE, name);
            ao.create(AoSyncFile.class, file(name, null, cycles, at));
            trim(AoSyncFile.class, INCOMPLETE, AoSyncFile.SEEN_AT, MAX_INCOMPLETE);
            return cycles;
        });
    }

    @Override
    public void forgetIncomplete(String name) {
        Objects.requireNonNull(name, "name");
        ao.executeInTransaction(() -> ao.deleteWithSQL(AoSyncFile.class, AoSyncFile.FILE_NAME + " = ? AND "
                + INCOMPLETE, name));
    }

    @Override
    public void appendRun(SyncRun run) {
        Objects.requireNonNull(run, "run");
        ao.executeInTransaction(() -> {
            Map<String, Object> row = new HashMap<>();
            row.put(AoSyncRun.RUN_ID, run.id());
            row.put(AoSyncRun.STARTED_AT, run.started().toEpochMilli());
            row.put(AoSyncRun.FINISHED_AT, run.finished().toEpochMilli());
            row.put(AoSyncRun.OUTCOME, run.outcome().name());
            row.put(AoSyncRun.FILES, run.files().isEmpty() ? null : String.join("\n", run.files()));
            row.put(AoSyncRun.SUMMARY, run.summary().isEmpty() ? null : cut(run.summary(), 450));
            row.put(AoSyncRun.REPORT, run.report().isEmpty() ? null : run.report());
            ao.create(AoSyncRun.class, row);
            trim(AoSyncRun.class, null, AoSyncRun.STARTED_AT, MAX_RUNS);
            return null;
        });
    }

    @Override
    public List<SyncRun> newestRuns(int limit) {
        SyncStateStore.checkLimit(limit);
        return ao.executeInTransaction(() -> Arrays.stream(ao.find(AoSyncRun.class, Query.select()
                        .order(AoSyncRun.STARTED_AT + " DESC, ID DESC").limit(limit)))
                .map(AoSyncStateStore::run).toList());
    }

    @Override
    public String toString() {
        return "AoSyncStateStore";
    }

    private static Map<String, Object> file(String name, String sha256, int cycles, Instant at) {
        Map<String, Object> row = new HashMap<>();
        row.put(AoSyncFile.FILE_NAME, name);
        row.put(AoSyncFile.SHA256, sha256);
        row.put(AoSyncFile.CYCLES, cycles);
        row.put(AoSyncFile.SEEN_AT, at.toEpochMilli());
        return row;
    }

    /** Deletes the oldest rows (by the time column, then id) beyond the bound. */
    private <T extends RawEntity<Integer>> void trim(Class<T> type, String criteria, String timeColumn, int max) {
        int count = criteria == null ? ao.count(type) : ao.count(type, criteria);
        if (count <= max) {
            return;
        }
        Query oldest = Query.select("ID").order(timeColumn + " ASC, ID ASC").limit(count - max);
        if (criteria != null) {
            oldest = oldest.where(criteria);
        }
        ao.delete(ao.find(type, oldest));
    }

    private static SyncRun run(AoSyncRun row) {
        String files = row.getFiles();
        return new SyncRun(row.getRunId(), Instant.ofEpochMilli(row.getStartedAt()),
                Instant.ofEpochMilli(row.getFinishedAt()), SyncRun.Outcome.valueOf(row.getOutcome()),
                files == null || files.isEmpty() ? List.of() : List.of(files.split("\n")),
                Objects.requireNonNullElse(row.getSummary(), ""), Objects.requireNonNullElse(row.getReport(), ""));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
