package com.atlassian.cache;

import java.util.Collection;

/**
 * A named cache of key/value pairs, local to a node or shared by the cluster as its {@link CacheSettings} say.
 *
 * <p>Signature: atlassian-cache-api 6.0.2 ({@code @PublicApi}), DF
 * {@code com.atlassian.cache_atlassian-cache-api-6.0.2/com/atlassian/cache/Cache.java}, per
 * confluence-platform.md B.6. Omitted: the default method {@code getBulk(Set, Function)}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Cache<K, V> {

    /**
     * The cache's name.
     *
     * @return the name
     */
    String getName();

    /**
     * Whether a key is cached.
     *
     * @param key the key; not null
     * @return true if cached
     */
    boolean containsKey(K key);

    /**
     * The cached keys.
     *
     * @return the keys
     */
    Collection<K> getKeys();

    /**
     * A cached value, loaded by the cache's loader if it has one.
     *
     * @param key the key; not null
     * @return the value, or null
     */
    V get(K key);

    /**
     * A cached value, computed by a supplier if missing.
     *
     * @param key      the key; not null
     * @param supplier produces the value if missing
     * @return the value; never null
     */
    V get(K key, Supplier<? extends V> supplier);

    /**
     * Stores a value.
     *
     * @param key   the key; not null
     * @param value the value; not null
     */
    void put(K key, V value);

    /**
     * Stores a value unless the key is cached.
     *
     * @param key   the key; not null
     * @param value the value; not null
     * @return the value already cached, or null if this one was stored
     */
    V putIfAbsent(K key, V value);

    /**
     * Removes a key.
     *
     * @param key the key; not null
     */
    void remove(K key);

    /**
     * Removes a key if it holds a value.
     *
     * @param key   the key; not null
     * @param value the expected value; not null
     * @return true if removed
     */
    boolean remove(K key, V value);

    /** Removes every key. */
    void removeAll();

    /**
     * Replaces a key's value if it holds an expected one.
     *
     * @param key      the key; not null
     * @param oldValue the expected value; not null
     * @param newValue the new value; not null
     * @return true if replaced
     */
    boolean replace(K key, V oldValue, V newValue);

    /**
     * Adds a listener.
     *
     * @param listener     the listener
     * @param includeValues whether events carry values
     * @deprecated deprecated in atlassian-cache-api 6.0.2
     */
    @Deprecated
    void addListener(CacheEntryListener<K, V> listener, boolean includeValues);

    /**
     * Removes a listener.
     *
     * @param listener the listener
     * @deprecated deprecated in atlassian-cache-api 6.0.2
     */
    @Deprecated
    void removeListener(CacheEntryListener<K, V> listener);
}
