package io.mailseal.keys;

import java.time.Duration;
import java.util.Objects;

/**
 * How long lookups are remembered.
 *
 * <p>Immutable. Defaults ({@link #DEFAULTS}): a found key for 24 hours, "no key" for 15 minutes, a failed lookup
 * (a source was down and nothing was found) for 1 minute, at most 10,000 addresses per key type.
 *
 * @param found      how long a found key is used without asking again
 * @param notFound   how long "no key anywhere" is remembered
 * @param failed     how long a lookup that failed on a source error is remembered (so a dead server is not asked for
 *                   every message)
 * @param maxEntries the most (address, type) pairs kept; the soonest to expire are dropped first
 */
public record CachePolicy(Duration found, Duration notFound, Duration failed, int maxEntries) {

    /** The defaults: 24 h, 15 min, 1 min, 10,000 entries. */
    public static final CachePolicy DEFAULTS =
            new CachePolicy(Duration.ofHours(24), Duration.ofMinutes(15), Duration.ofMinutes(1), 10_000);

    /** Validates the policy. */
    public CachePolicy {
        Objects.requireNonNull(found, "found");
        Objects.requireNonNull(notFound, "notFound");
        Objects.requireNonNull(failed, "failed");
        if (found.isNegative() || notFound.isNegative() || failed.isNegative()) {
            throw new IllegalArgumentException("cache durations must not be negative");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
    }

    /**
     * How long a result is kept.
     *
     * @param result the lookup result
     * @return its time to live
     */
    public Duration timeToLive(LookupResult result) {
        if (result.selected().isPresent()) {
            return found;
        }
        return result.transientFailure() ? failed : notFound;
    }
}
