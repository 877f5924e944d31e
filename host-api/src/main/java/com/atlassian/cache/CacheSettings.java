package com.atlassian.cache;

/**
 * The settings of a cache (expiry, size, local or replicated, ...); null means "host default".
 *
 * <p>Signature: atlassian-cache-api 6.0.2 ({@code @PublicApi}), DF
 * {@code com.atlassian.cache_atlassian-cache-api-6.0.2/com/atlassian/cache/CacheSettings.java}; built by
 * {@link CacheSettingsBuilder} (confluence-platform.md B.6). Declared: the getters of the properties that builder
 * sets. Omitted: {@code getStatisticsEnabled()}, {@code getStatisticsEnabled(boolean)} and
 * {@code override(CacheSettings)}.
 */
public interface CacheSettings {

    /**
     * Expiry after last access.
     *
     * @return milliseconds, or null if not set
     */
    Long getExpireAfterAccess();

    /**
     * Expiry after last access.
     *
     * @param defaultValue the value to use if not set
     * @return milliseconds
     */
    long getExpireAfterAccess(long defaultValue);

    /**
     * Expiry after last write.
     *
     * @return milliseconds, or null if not set
     */
    Long getExpireAfterWrite();

    /**
     * Expiry after last write.
     *
     * @param defaultValue the value to use if not set
     * @return milliseconds
     */
    long getExpireAfterWrite(long defaultValue);

    /**
     * Whether a global flush empties the cache.
     *
     * @return the setting, or null if not set
     */
    Boolean getFlushable();

    /**
     * Whether a global flush empties the cache.
     *
     * @param defaultValue the value to use if not set
     * @return the setting
     */
    boolean getFlushable(boolean defaultValue);

    /**
     * Whether the cache is node-local.
     *
     * @return the setting, or null if not set
     */
    Boolean getLocal();

    /**
     * Whether the cache is node-local.
     *
     * @param defaultValue the value to use if not set
     * @return the setting
     */
    boolean getLocal(boolean defaultValue);

    /**
     * The most entries held.
     *
     * @return the limit, or null if not set
     */
    Integer getMaxEntries();

    /**
     * The most entries held.
     *
     * @param defaultValue the value to use if not set
     * @return the limit
     */
    int getMaxEntries(int defaultValue);

    /**
     * Whether changes replicate asynchronously.
     *
     * @return the setting, or null if not set
     */
    Boolean getReplicateAsynchronously();

    /**
     * Whether changes replicate asynchronously.
     *
     * @param defaultValue the value to use if not set
     * @return the setting
     */
    boolean getReplicateAsynchronously(boolean defaultValue);

    /**
     * Whether values are copied to other nodes (true) or only invalidated there (false).
     *
     * @return the setting, or null if not set
     */
    Boolean getReplicateViaCopy();

    /**
     * Whether values are copied to other nodes (true) or only invalidated there (false).
     *
     * @param defaultValue the value to use if not set
     * @return the setting
     */
    boolean getReplicateViaCopy(boolean defaultValue);
}
