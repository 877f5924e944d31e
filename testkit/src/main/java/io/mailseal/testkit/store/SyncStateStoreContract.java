package io.mailseal.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.store.SyncRun;
import io.mailseal.store.SyncStateStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SyncStateStore} does. A store implementation subclasses this and supplies an empty store.
 */
public abstract class SyncStateStoreContract {

    private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");

    /** The store under test. */
    protected SyncStateStore store;

    /**
     * An empty store.
     *
     * @return the store
     */
    protected abstract SyncStateStore newStore();

    @BeforeEach
    void emptyStore() {
        store = newStore();
    }

    @Test
    void aFileIsProcessedOncePerNameAndContent() {
        assertThat(store.wasProcessed("a.useimport", "aa")).isFalse();

        store.recordProcessed("a.useimport", "aa", T0);

        assertThat(store.wasProcessed("a.useimport", "aa")).isTrue();
        assertThat(store.wasProcessed("a.useimport", "bb")).as("same name, other content").isFalse();
        assertThat(store.wasProcessed("b.useimport", "aa")).as("same content, other name").isFalse();
    }

    @Test
    void incompleteCyclesAreCountedUntilTheFileCompletesOrIsForgotten() {
        assertThat(store.countIncomplete("a.useimport", T0)).isEqualTo(1);
        assertThat(store.countIncomplete("a.useimport", T0.plusSeconds(60))).isEqualTo(2);
        assertThat(store.countIncomplete("b.useimport", T0)).isEqualTo(1);

        store.recordProcessed("a.useimport", "aa", T0.plusSeconds(120));
        store.forgetIncomplete("b.useimport");

        assertThat(store.countIncomplete("a.useimport", T0.plusSeconds(180))).isEqualTo(1);
        assertThat(store.countIncomplete("b.useimport", T0.plusSeconds(180))).isEqualTo(1);
    }

    @Test
    void runsComeNewestFirstAndTheHistoryIsBounded() {
        for (int i = 0; i < SyncStateStore.MAX_RUNS + 5; i++) {
            store.appendRun(run("run-" + i, T0.plusSeconds(i)));
        }

        List<SyncRun> newest = store.newestRuns(SyncStateStore.MAX_RUNS);

        assertThat(newest).hasSize(SyncStateStore.MAX_RUNS);
        assertThat(newest.get(0).id()).isEqualTo("run-" + (SyncStateStore.MAX_RUNS + 4));
        assertThat(newest.get(newest.size() - 1).id()).isEqualTo("run-5");
        assertThat(store.newestRuns(1)).extracting(SyncRun::report).containsExactly("(+) report");
        assertThatThrownBy(() -> store.newestRuns(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SyncRun run(String id, Instant started) {
        return SyncRun.of(id, started, started.plusSeconds(1), SyncRun.Outcome.SUCCEEDED, List.of("a.useimport"),
                "1 file", "(+) report");
    }
}
