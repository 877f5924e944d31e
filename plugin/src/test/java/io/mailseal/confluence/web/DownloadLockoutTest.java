package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.store.AuditEvent;
import io.mailseal.store.AuditRetention;
import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.store.InMemoryAuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The download lockout derived from the audit log: window, lockout, reset, and what it audits. */
class DownloadLockoutTest {

    private final ManualClock clock = new ManualClock("2026-01-01T00:00:00Z");
    private final InMemoryAuditLog audit = new InMemoryAuditLog(clock, AuditRetention.DEFAULT);
    private final DownloadLockout lockout = new DownloadLockout(audit, clock);

    private Instant fail(String user) {
        return lockout.failed(user, user + "@example.com", "wrong Confluence password").orElse(null);
    }

    @Test
    void theFifthWrongPasswordWithinTheWindowLocksForTheLockoutAndThenTheUserMayTryAgain() {
        for (int i = 0; i < 4; i++) {
            assertThat(fail("u")).isNull();
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(fail("u")).isEqualTo(Instant.parse("2026-01-01T00:19:00Z"));
        assertThat(lockout.lockedUntil("u")).contains(Instant.parse("2026-01-01T00:19:00Z"));
        assertThat(lockout.lockedUntil("other")).isEmpty();
        clock.advance(Duration.ofMinutes(15).minusMillis(1));
        assertThat(lockout.lockedUntil("u")).as("a millisecond before the end").isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(lockout.lockedUntil("u")).isEmpty();
        for (int i = 0; i < 4; i++) {
            assertThat(fail("u")).as("the count started again").isNull();
        }
        assertThat(fail("u")).isEqualTo(Instant.parse("2026-01-01T00:34:00Z"));
    }

    @Test
    void everyWrongPasswordIsAuditedAndTheOneThatLocksSaysUntilWhen() {
        for (int i = 0; i < 5; i++) {
            fail("u");
        }

        assertThat(audit.newest(10)).hasSize(5).allSatisfy(event -> {
            assertThat(event.action()).isEqualTo(DownloadLockout.REFUSED);
            assertThat(event.actor()).isEqualTo("u");
            assertThat(event.subject()).isEqualTo("u@example.com");
        });
        assertThat(audit.newest(1).get(0).detail())
                .isEqualTo("wrong Confluence password; downloads locked until 2026-01-01T00:15:00Z");
        assertThat(audit.newest(2).get(1).detail()).isEqualTo("wrong Confluence password");
    }

    @Test
    void aRightPasswordForgetsEarlierFailuresAndIsAuditedOnlyWhenThereWereAny() {
        lockout.succeeded("u", "u@example.com", "right Confluence password");
        assertThat(audit.newest(10)).as("nothing to forget, nothing audited").isEmpty();
        for (int i = 0; i < 4; i++) {
            fail("u");
        }

        lockout.succeeded("u", "u@example.com", "right Confluence password");

        assertThat(audit.newest(1)).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(DownloadLockout.ACCEPTED);
            assertThat(event.detail()).isEqualTo("right Confluence password; 4 earlier wrong passwords no longer count");
        });
        for (int i = 0; i < 4; i++) {
            assertThat(fail("u")).isNull();
        }
        assertThat(fail("u")).as("five after the right password").isNotNull();
    }

    @Test
    void aRightPasswordDoesNotEndARunningLockout() {
        for (int i = 0; i < 5; i++) {
            fail("u");
        }

        lockout.succeeded("u", "u@example.com", "right Confluence password");

        assertThat(lockout.lockedUntil("u")).contains(Instant.parse("2026-01-01T00:15:00Z"));
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            fail("u");
        }
        clock.advance(Duration.ofMinutes(15));

        assertThat(fail("u")).isNull();
        assertThat(lockout.lockedUntil("u")).isEmpty();
    }

    @Test
    void aFailureRecordedByAnotherNodeDuringTheLockoutCanOnlyExtendIt() {
        for (int i = 0; i < 5; i++) {
            fail("u");
        }
        clock.advance(Duration.ofMinutes(1));
        audit.append(new AuditEvent(clock.instant(), "u", DownloadLockout.REFUSED, "u@example.com", "raced"));

        assertThat(lockout.lockedUntil("u")).contains(Instant.parse("2026-01-01T00:16:00Z"));
    }

    @Test
    void aFailureExactlyOneWindowBeforeTheFifthIsOutsideIt() {
        Instant t = clock.instant();
        List<AuditEvent> spread = List.of(refused(t.plus(DownloadLockout.WINDOW)), refused(t.plusSeconds(30)),
                refused(t.plusSeconds(20)), refused(t.plusSeconds(10)), refused(t));
        List<AuditEvent> inside = List.of(refused(t.plus(DownloadLockout.WINDOW).minusMillis(1)),
                refused(t.plusSeconds(30)), refused(t.plusSeconds(20)), refused(t.plusSeconds(10)), refused(t));

        assertThat(DownloadLockout.lockedUntil(spread, t.plus(DownloadLockout.WINDOW))).isEmpty();
        assertThat(DownloadLockout.lockedUntil(inside, t.plus(DownloadLockout.WINDOW)))
                .contains(t.plus(DownloadLockout.WINDOW).minusMillis(1).plus(DownloadLockout.LOCKOUT));
    }

    @Test
    void anAcceptedPasswordBetweenFailuresSplitsTheCount() {
        Instant t = clock.instant();
        List<AuditEvent> split = List.of(refused(t.plusSeconds(50)), refused(t.plusSeconds(40)),
                refused(t.plusSeconds(30)), new AuditEvent(t.plusSeconds(25), "u", DownloadLockout.ACCEPTED, "", ""),
                refused(t.plusSeconds(20)), refused(t.plusSeconds(10)), refused(t));

        assertThat(DownloadLockout.lockedUntil(split, t.plusSeconds(51))).isEmpty();
    }

    private static AuditEvent refused(Instant at) {
        return new AuditEvent(at, "u", DownloadLockout.REFUSED, "u@example.com", "wrong");
    }
}
