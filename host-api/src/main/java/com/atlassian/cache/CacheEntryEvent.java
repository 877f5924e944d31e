package com.atlassian.cache;

/**
 * A change to one cache entry, given to a {@link CacheEntryListener}.
 *
 * <p>Signature: atlassian-cache-api 6.0.2, DF
 * {@code com.atlassian.cache_atlassian-cache-api-6.0.2/com/atlassian/cache/CacheEntryEvent.java}; needed by
 * {@link CacheEntryListener}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface CacheEntryEvent<K, V> {

    /**
     * The entry's key.
     *
     * @return the key; never null
     */
    K getKey();

    /**
     * The new value.
     *
     * @return the value, or null
     */
    V getValue();

    /**
     * The previous value.
     *
     * @return the old value, or null
     */
    V getOldValue();
}
