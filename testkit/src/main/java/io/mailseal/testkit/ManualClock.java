package io.mailseal.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that stands still until a test moves it, so tests never read the wall clock or sleep.
 *
 * <p>Thread-safe: the time is a volatile field; {@link #advance} is atomic.
 */
public final class ManualClock extends Clock {

    private volatile Instant now;

    /**
     * Creates a clock at a given time.
     *
     * @param start the time, e.g. {@code 2026-05-01T09:00:00Z}
     */
    public ManualClock(String start) {
        this(Instant.parse(start));
    }

    /**
     * Creates a clock at a given time.
     *
     * @param start the time; not null
     */
    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * Moves the clock forward (or back, with a negative duration).
     *
     * @param duration how far
     * @return the new time
     */
    public synchronized Instant advance(Duration duration) {
        now = now.plus(duration);
        return now;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Always UTC: the same clock. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
