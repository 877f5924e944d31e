package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The wrong-password counter of the managed-key download: window, lockout, reset, and its bound. */
class PasswordAttemptsTest {

    private final ManualClock clock = new ManualClock("2026-01-01T00:00:00Z");

    @Test
    void theFifthWrongPasswordWithinTheWindowLocksForTheLockoutAndThenTheUserMayTryAgain() {
        PasswordAttempts attempts = new PasswordAttempts(clock);
        for (int i = 0; i < 4; i++) {
            assertThat(attempts.failed("u")).isEmpty();
        }

        assertThat(attempts.failed("u")).contains(Instant.parse("2026-01-01T00:15:00Z"));
        assertThat(attempts.lockedUntil("u")).contains(Instant.parse("2026-01-01T00:15:00Z"));
        assertThat(attempts.lockedUntil("other")).isEmpty();
        clock.advance(Duration.ofMinutes(15));
        assertThat(attempts.lockedUntil("u")).isEmpty();
        assertThat(attempts.failed("u")).as("the count started again").isEmpty();
    }

    @Test
    void aRightPasswordForgetsEarlierFailures() {
        PasswordAttempts attempts = new PasswordAttempts(clock);
        for (int i = 0; i < 4; i++) {
            attempts.failed("u");
        }
        attempts.succeeded("u");

        assertThat(attempts.failed("u")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        PasswordAttempts attempts = new PasswordAttempts(clock);
        for (int i = 0; i < 4; i++) {
            attempts.failed("u");
        }
        clock.advance(Duration.ofMinutes(15));

        assertThat(attempts.failed("u")).isEmpty();
    }

    @Test
    void itRemembersAtMostItsBoundOfUsersForgettingTheLeastRecentlySeen() {
        PasswordAttempts attempts = new PasswordAttempts(clock, 3);
        for (int i = 0; i < 5; i++) {
            attempts.failed("locked");
        }
        attempts.failed("a");
        attempts.lockedUntil("locked");
        attempts.failed("b");
        attempts.failed("c");

        assertThat(attempts.size()).isEqualTo(3);
        assertThat(attempts.lockedUntil("locked")).as("recently seen, so kept").isPresent();
    }
}
