package io.mailseal.confluence.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sync's cluster lock on H2: one holder at a time, leases, progress and the cancel request. */
class AoRunLockTest {

    private static final String NAME = "use-sync";

    private final ManualClock clock = new ManualClock("2026-06-01T10:00:00Z");
    private final EntityManagerActiveObjects ao = AoDatabase.open();
    private final AoRunLock lock = new AoRunLock(ao, clock, Duration.ofMinutes(10));
    /** A second node: its own lock object over the same table. */
    private final AoRunLock otherNode = new AoRunLock(ao, clock, Duration.ofMinutes(10));

    @AfterEach
    void closeDatabase() {
        ao.close();
    }

    @Test
    void aHeldLockIsNotTakenAgainUntilReleased() {
        AoRunLock.Lease lease = lock.tryAcquire(NAME).orElseThrow();

        assertThat(otherNode.tryAcquire(NAME)).isEmpty();
        assertThat(lock.tryAcquire(NAME)).isEmpty();

        lock.release(lease);
        assertThat(otherNode.tryAcquire(NAME)).isPresent();
    }

    @Test
    void aLeaseThatRanOutIsTakenOverAndItsHolderLearnsItLostTheLock() {
        AoRunLock.Lease dead = lock.tryAcquire(NAME).orElseThrow();
        clock.advance(Duration.ofMinutes(11));

        AoRunLock.Lease taken = otherNode.tryAcquire(NAME).orElseThrow();

        assertThat(lock.renew(dead, "still here?")).isEqualTo(AoRunLock.Renewal.LOST);
        lock.release(dead);
        assertThat(otherNode.renew(taken, "mine")).isEqualTo(AoRunLock.Renewal.HELD);
    }

    @Test
    void renewingKeepsTheLeaseAndShowsTheProgressEverywhere() {
        AoRunLock.Lease lease = lock.tryAcquire(NAME).orElseThrow();
        clock.advance(Duration.ofMinutes(9));

        lock.renew(lease, "users.useimport: 3 of 10");
        clock.advance(Duration.ofMinutes(9));

        assertThat(otherNode.tryAcquire(NAME)).as("renewed lease still holds").isEmpty();
        assertThat(otherNode.find(NAME)).hasValueSatisfying(held -> {
            assertThat(held.progress()).isEqualTo("users.useimport: 3 of 10");
            assertThat(held.cancelAsked()).isFalse();
        });
    }

    @Test
    void aCancelAskedOnAnyNodeReachesTheHolderAtItsNextRenewal() {
        AoRunLock.Lease lease = lock.tryAcquire(NAME).orElseThrow();

        assertThat(otherNode.askCancel(NAME)).isTrue();

        assertThat(lock.renew(lease, "")).isEqualTo(AoRunLock.Renewal.CANCEL_ASKED);
        lock.release(lease);
        assertThat(otherNode.askCancel(NAME)).as("nothing running").isFalse();
        assertThat(otherNode.find(NAME)).isEmpty();
    }
}
