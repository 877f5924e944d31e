package com.atlassian.cache;

/**
 * Told about additions, evictions, removals and updates of cache entries.
 *
 * <p>Signature: atlassian-cache-api 6.0.2, DF
 * {@code com.atlassian.cache_atlassian-cache-api-6.0.2/com/atlassian/cache/CacheEntryListener.java}; needed by
 * {@link Cache#addListener(CacheEntryListener, boolean)} (confluence-platform.md B.6).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface CacheEntryListener<K, V> {

    /**
     * An entry was added.
     *
     * @param event the change
     */
    void onAdd(CacheEntryEvent<K, V> event);

    /**
     * An entry was evicted.
     *
     * @param event the change
     */
    void onEvict(CacheEntryEvent<K, V> event);

    /**
     * An entry was removed.
     *
     * @param event the change
     */
    void onRemove(CacheEntryEvent<K, V> event);

    /**
     * An entry was updated.
     *
     * @param event the change
     */
    void onUpdate(CacheEntryEvent<K, V> event);
}
