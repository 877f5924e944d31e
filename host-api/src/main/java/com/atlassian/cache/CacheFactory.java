package com.atlassian.cache;

/**
 * Creates or looks up named caches and cached references (the plugin-facing part of the host's CacheManager).
 *
 * <p>Signature: atlassian-cache-api 6.0.2 ({@code @PublicApi}), DF
 * {@code com.atlassian.cache_atlassian-cache-api-6.0.2/com/atlassian/cache/CacheFactory.java}, per
 * confluence-platform.md B.6 (whose "…" are the two {@code getCachedReference(Class, String, ...)} overloads).
 */
public interface CacheFactory {

    /**
     * A cached reference with default settings.
     *
     * @param name     the reference's name
     * @param supplier produces the value
     * @param <V>      the value type
     * @return the reference
     */
    <V> CachedReference<V> getCachedReference(String name, Supplier<V> supplier);

    /**
     * A cached reference.
     *
     * @param name     the reference's name
     * @param supplier produces the value
     * @param required the settings
     * @param <V>      the value type
     * @return the reference
     */
    <V> CachedReference<V> getCachedReference(String name, Supplier<V> supplier, CacheSettings required);

    /**
     * A cached reference with default settings, named after an owning class.
     *
     * @param owningClass the class whose name prefixes the name
     * @param name        the reference's name
     * @param supplier    produces the value
     * @param <V>         the value type
     * @return the reference
     */
    <V> CachedReference<V> getCachedReference(Class<?> owningClass, String name, Supplier<V> supplier);

    /**
     * A cached reference named after an owning class.
     *
     * @param owningClass the class whose name prefixes the name
     * @param name        the reference's name
     * @param supplier    produces the value
     * @param required    the settings
     * @param <V>         the value type
     * @return the reference
     */
    <V> CachedReference<V> getCachedReference(Class<?> owningClass, String name, Supplier<V> supplier,
            CacheSettings required);

    /**
     * A cache without loader, with default settings.
     *
     * @param name the cache's name
     * @param <K>  the key type
     * @param <V>  the value type
     * @return the cache
     */
    <K, V> Cache<K, V> getCache(String name);

    /**
     * A cache without loader, with default settings, named after an owning class.
     *
     * @param owningClass the class whose name prefixes the name
     * @param name        the cache's name
     * @param <K>         the key type
     * @param <V>         the value type
     * @return the cache
     */
    <K, V> Cache<K, V> getCache(Class<?> owningClass, String name);

    /**
     * A cache with default settings.
     *
     * @param name   the cache's name
     * @param loader loads missing values; may be null
     * @param <K>    the key type
     * @param <V>    the value type
     * @return the cache
     */
    <K, V> Cache<K, V> getCache(String name, CacheLoader<K, V> loader);

    /**
     * A cache.
     *
     * @param name     the cache's name
     * @param loader   loads missing values; may be null
     * @param required the settings
     * @param <K>      the key type
     * @param <V>      the value type
     * @return the cache
     */
    <K, V> Cache<K, V> getCache(String name, CacheLoader<K, V> loader, CacheSettings required);

    /**
     * A cache without loader, typed by classes.
     *
     * @param name      the cache's name
     * @param keyType   the key class
     * @param valueType the value class
     * @param <K>       the key type
     * @param <V>       the value type
     * @return the cache
     * @deprecated deprecated in atlassian-cache-api 6.0.2; use {@link #getCache(String)}
     */
    @Deprecated
    <K, V> Cache<K, V> getCache(String name, Class<K> keyType, Class<V> valueType);
}
