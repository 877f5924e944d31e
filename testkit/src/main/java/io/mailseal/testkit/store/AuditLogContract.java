package io.mailseal.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.store.AuditEvent;
import io.mailseal.store.AuditLog;
import io.mailseal.store.AuditRetention;
import io.mailseal.testkit.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} does. An implementation subclasses this and supplies an empty log; the in-memory log
 * and the Active Objects log run the same tests.
 */
public abstract class AuditLogContract {

    /** The log's clock; starts at 2026-05-01T09:00:00Z. */
    protected ManualClock clock;

    /**
     * An empty log.
     *
     * @param clock     the clock its retention measures age with
     * @param retention what it keeps
     * @return the log
     */
    protected abstract AuditLog newLog(Clock clock, AuditRetention retention);

    @BeforeEach
    void startClock() {
        clock = new ManualClock("2026-05-01T09:00:00Z");
    }

    @Test
    void entriesComeBackNewestFirstUpToTheLimit() {
        AuditLog log = newLog(clock, AuditRetention.DEFAULT);
        for (int i = 0; i < 5; i++) {
            log.append(event("upload.saved", "upload " + i));
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(log.newest(3)).extracting(AuditEvent::subject)
                .containsExactly("upload 4", "upload 3", "upload 2");
        assertThat(log.newest(AuditLog.MAX_READ)).hasSize(5);
    }

    @Test
    void entriesOfTheSameMillisecondComeNewestAppendedFirst() {
        AuditLog log = newLog(clock, AuditRetention.DEFAULT);
        log.append(event("settings.saved", "first"));
        log.append(event("settings.saved", "second"));
        log.append(event("settings.saved", "third"));

        assertThat(log.newest(10)).extracting(AuditEvent::subject).containsExactly("third", "second", "first");
    }

    @Test
    void anEntryIsOrderedByItsOwnTimeNotByWhenItWasAppended() {
        AuditLog log = newLog(clock, AuditRetention.DEFAULT);
        log.append(new AuditEvent(clock.instant(), "system", "sync.finished", "late report", ""));
        log.append(new AuditEvent(clock.instant().minusSeconds(60), "system", "sync.started", "earlier", ""));

        assertThat(log.newest(10)).extracting(AuditEvent::subject).containsExactly("late report", "earlier");
    }

    @Test
    void everyFieldRoundTrips() {
        AuditLog log = newLog(clock, AuditRetention.DEFAULT);
        AuditEvent full = new AuditEvent(Instant.parse("2026-05-01T08:59:59.987Z"), "8a7f808a8d5b1f9a",
                "upload.removed", "Ærøskøbing <bücher@example.com>", "d".repeat(AuditEvent.MAX_DETAIL_LENGTH));
        AuditEvent bare = new AuditEvent(clock.instant(), "system", "cache.expired", "", "");

        log.append(full);
        log.append(bare);

        assertThat(log.newest(10)).containsExactly(bare, full);
    }

    @Test
    void keepsAtMostTheRetentionsNumberOfEntriesTheNewest() {
        AuditLog log = newLog(clock, new AuditRetention(3, Duration.ofDays(365)));
        for (int i = 0; i < 5; i++) {
            log.append(event("key.uploaded", "upload " + i));
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(log.newest(10)).extracting(AuditEvent::subject)
                .containsExactly("upload 4", "upload 3", "upload 2");
    }

    @Test
    void dropsEntriesOlderThanTheRetentionsAge() {
        AuditLog log = newLog(clock, new AuditRetention(1000, Duration.ofDays(7)));
        log.append(event("settings.saved", "old"));
        clock.advance(Duration.ofDays(6));
        log.append(event("settings.saved", "six days later"));
        clock.advance(Duration.ofDays(2));

        log.append(event("settings.saved", "now"));

        assertThat(log.newest(10)).extracting(AuditEvent::subject).containsExactly("now", "six days later");
    }

    @Test
    void aLimitOutsideTheRangeIsAProgrammingError() {
        AuditLog log = newLog(clock, AuditRetention.DEFAULT);

        for (int limit : List.of(0, -1, AuditLog.MAX_READ + 1)) {
            assertThatThrownBy(() -> log.newest(limit)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("limit");
        }
    }

    @Test
    void newestOfFiltersOnActorActionsAndSinceNewestFirstUpToTheLimit() {
        AuditLog log = newLog(clock, AuditRetention.DEFAULT);
        Instant start = clock.instant();
        log.append(new AuditEvent(start.minusMillis(1), "u1", "key.downloadPasswordRefused", "too old", ""));
        log.append(new AuditEvent(start, "u1", "key.downloadPasswordRefused", "at since", ""));
        log.append(new AuditEvent(start, "u1", "key.downloadPasswordAccepted", "accepted", ""));
        log.append(new AuditEvent(start, "u2", "key.downloadPasswordRefused", "other actor", ""));
        log.append(new AuditEvent(start, "u1", "key.downloaded", "other action", ""));
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            log.append(new AuditEvent(clock.instant(), "u1", "key.downloadPasswordRefused", "later " + i, ""));
        }
        Set<String> actions = Set.of("key.downloadPasswordRefused", "key.downloadPasswordAccepted");

        assertThat(log.newestOf("u1", actions, start, 10)).extracting(AuditEvent::subject)
                .containsExactly("later 2", "later 1", "later 0", "accepted", "at since");
        assertThat(log.newestOf("u1", actions, start, 2)).extracting(AuditEvent::subject)
                .containsExactly("later 2", "later 1");
        assertThat(log.newestOf("u1", Set.of("key.downloadPasswordRefused"), start.plusMillis(1), 10))
                .extracting(AuditEvent::subject).containsExactly("later 2", "later 1", "later 0");
        assertThat(log.newestOf("nobody", actions, start, 10)).isEmpty();
    }

    @Test
    void newestOfRefusesABadLimitOrNoActions() {
        AuditLog log = newLog(clock, AuditRetention.DEFAULT);

        assertThatThrownBy(() -> log.newestOf("u1", Set.of("a"), clock.instant(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> log.newestOf("u1", Set.of(), clock.instant(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actions");
    }

    private AuditEvent event(String action, String subject) {
        return new AuditEvent(clock.instant(), "8a7f808a8d5b1f9a", action, subject, "detail of " + subject);
    }
}
