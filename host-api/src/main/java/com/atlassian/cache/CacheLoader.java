package com.atlassian.cache;

/**
 * Loads the value of a missing key into a {@link Cache}.
 *
 * <p>Signature: atlassian-cache-api 6.0.2 ({@code @PublicSpi}), DF
 * {@code com.atlassian.cache_atlassian-cache-api-6.0.2/com/atlassian/cache/CacheLoader.java}, per
 * confluence-platform.md B.6.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface CacheLoader<K, V> {

    /**
     * Loads a value.
     *
     * @param key the key; not null
     * @return the value; not null
     */
    V load(K key);
}
