package io.mailseal.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of the audit log is kept: at most {@code maxEvents} entries, none older than {@code maxAge}. Whatever is
 * outside either bound is deleted when an entry is appended, so the log never grows without bound.
 *
 * <p>Immutable and thread-safe. {@link #DEFAULT}: 10,000 entries, 365 days.
 *
 * @param maxEvents the most entries kept; 1 to 1,000,000
 * @param maxAge    the oldest entry kept, measured from the log's clock; positive
 */
public record AuditRetention(int maxEvents, Duration maxAge) {

    /** 10,000 entries, at most 365 days old. */
    public static final AuditRetention DEFAULT = new AuditRetention(10_000, Duration.ofDays(365));

    /** Validates the bounds. */
    public AuditRetention {
        if (maxEvents < 1 || maxEvents > 1_000_000) {
            throw new IllegalArgumentException("maxEvents must be between 1 and 1000000, not " + maxEvents);
        }
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, not " + maxAge);
        }
    }
}
