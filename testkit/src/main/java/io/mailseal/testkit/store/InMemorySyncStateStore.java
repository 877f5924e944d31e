package io.mailseal.testkit.store;

import io.mailseal.store.SyncRun;
import io.mailseal.store.SyncStateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the USE sync remembers, in memory, for tests and the command line; bounded like every
 * {@link SyncStateStore}.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class InMemorySyncStateStore implements SyncStateStore {

    /** Name NUL hash to when, oldest first. */
    private final Map<String, Instant> processed = new LinkedHashMap<>();
    private final Map<String, Integer> incomplete = new LinkedHashMap<>();
    private final List<SyncRun> runs = new ArrayList<>();

    @Override
    public synchronized boolean wasProcessed(String name, String sha256) {
        return processed.containsKey(key(name, sha256));
    }

    @Override
    public synchronized void recordProcessed(String name, String sha256, Instant at) {
        Objects.requireNonNull(at, "at");
        processed.remove(key(name, sha256));
        processed.put(key(name, sha256), at);
        dropOldest(processed, MAX_PROCESSED);
        incomplete.remove(name);
    }

    @Override
    public synchronized int countIncomplete(String name, Instant at) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        int count = incomplete.getOrDefault(name, 0) + 1;
        incomplete.remove(name);
        incomplete.put(name, count);
        dropOldest(incomplete, MAX_INCOMPLETE);
        return count;
    }

    @Override
    public synchronized void forgetIncomplete(String name) {
        incomplete.remove(Objects.requireNonNull(name, "name"));
    }

    @Override
    public synchronized void appendRun(SyncRun run) {
        runs.add(Objects.requireNonNull(run, "run"));
        runs.sort(Comparator.comparing(SyncRun::started));
        while (runs.size() > MAX_RUNS) {
            runs.remove(0);
        }
    }

    @Override
    public synchronized List<SyncRun> newestRuns(int limit) {
        SyncStateStore.checkLimit(limit);
        List<SyncRun> newest = new ArrayList<>();
        for (int i = runs.size() - 1; i >= 0 && newest.size() < limit; i--) {
            newest.add(runs.get(i));
        }
        return List.copyOf(newest);
    }

    private static String key(String name, String sha256) {
        return Objects.requireNonNull(name, "name") + '\0' + Objects.requireNonNull(sha256, "sha256");
    }

    private static void dropOldest(Map<String, ?> map, int max) {
        Iterator<String> oldest = map.keySet().iterator();
        while (map.size() > max && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    @Override
    public String toString() {
        return "InMemorySyncStateStore";
    }
}
