package com.atlassian.cache;

import java.util.Optional;

/**
 * A single cached value, produced by a {@link Supplier} on first use or after {@link #reset()}.
 *
 * <p>Signature: atlassian-cache-api 6.0.2 ({@code @PublicApi}), DF
 * {@code com.atlassian.cache_atlassian-cache-api-6.0.2/com/atlassian/cache/CachedReference.java}; returned by
 * {@code CacheFactory#getCachedReference} (confluence-platform.md B.6). Omitted (deprecated there):
 * {@code addListener}/{@code removeListener} of {@code CachedReferenceListener}.
 *
 * @param <V> the value type
 */
public interface CachedReference<V> {

    /**
     * The value, produced if missing.
     *
     * @return the value; never null
     */
    V get();

    /** Drops the value (cluster-wide for a shared reference). */
    void reset();

    /**
     * Whether a value is currently held.
     *
     * @return true if present
     */
    boolean isPresent();

    /**
     * The value, if currently held, without producing it.
     *
     * @return the value or empty
     */
    Optional<V> getIfPresent();
}
