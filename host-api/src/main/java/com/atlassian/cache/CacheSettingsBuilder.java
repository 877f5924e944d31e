package com.atlassian.cache;

import java.io.Serializable;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Builds {@link CacheSettings}; every property left unset means "host default".
 *
 * <p>Signature: atlassian-cache-api 6.0.2 ({@code @PublicApi}, a class), DF
 * {@code com.atlassian.cache_atlassian-cache-api-6.0.2/com/atlassian/cache/CacheSettingsBuilder.java}, per
 * confluence-platform.md B.6. Declared: the no-argument constructor and the methods B.6 lists; omitted:
 * the copy constructor, {@code unflushable()}, {@code statisticsEnabled()} and {@code statisticsDisabled()}.
 * Not thread-safe; {@link #build()} returns an immutable snapshot.
 */
public class CacheSettingsBuilder {

    private Long expireAfterAccess;
    private Long expireAfterWrite;
    private Boolean flushable;
    private Boolean local;
    private Integer maxEntries;
    private Boolean replicateAsynchronously;
    private Boolean replicateViaCopy;

    /** Creates a builder with every property unset. */
    public CacheSettingsBuilder() {
    }

    /**
     * The settings built so far.
     *
     * @return an immutable snapshot
     */
    public CacheSettings build() {
        return new Snapshot(expireAfterAccess, expireAfterWrite, flushable, local, maxEntries,
                replicateAsynchronously, replicateViaCopy);
    }

    /**
     * Expire entries a time after their last access.
     *
     * @param expireAfter the time
     * @param timeUnit    its unit; not null
     * @return this builder
     */
    public CacheSettingsBuilder expireAfterAccess(long expireAfter, TimeUnit timeUnit) {
        this.expireAfterAccess = timeUnit.toMillis(expireAfter);
        return this;
    }

    /**
     * Expire entries a time after they were written.
     *
     * @param expireAfter the time
     * @param timeUnit    its unit; not null
     * @return this builder
     */
    public CacheSettingsBuilder expireAfterWrite(long expireAfter, TimeUnit timeUnit) {
        this.expireAfterWrite = timeUnit.toMillis(expireAfter);
        return this;
    }

    /**
     * Let a global flush empty the cache.
     *
     * @return this builder
     */
    public CacheSettingsBuilder flushable() {
        this.flushable = Boolean.TRUE;
        return this;
    }

    /**
     * Limit the number of entries.
     *
     * @param maxEntries the limit; greater than zero
     * @return this builder
     * @throws IllegalArgumentException if the limit is not positive
     */
    public CacheSettingsBuilder maxEntries(int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be greater than zero, passed: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        return this;
    }

    /**
     * Replicate changes asynchronously.
     *
     * @return this builder
     */
    public CacheSettingsBuilder replicateAsynchronously() {
        this.replicateAsynchronously = Boolean.TRUE;
        return this;
    }

    /**
     * Replicate changes synchronously.
     *
     * @return this builder
     */
    public CacheSettingsBuilder replicateSynchronously() {
        this.replicateAsynchronously = Boolean.FALSE;
        return this;
    }

    /**
     * Copy values to the other nodes.
     *
     * @return this builder
     */
    public CacheSettingsBuilder replicateViaCopy() {
        this.replicateViaCopy = Boolean.TRUE;
        return this;
    }

    /**
     * Keep values on their node and only invalidate the other nodes' entries.
     *
     * @return this builder
     */
    public CacheSettingsBuilder replicateViaInvalidation() {
        this.replicateViaCopy = Boolean.FALSE;
        return this;
    }

    /**
     * Keep the cache on this node only.
     *
     * @return this builder
     */
    public CacheSettingsBuilder local() {
        this.local = Boolean.TRUE;
        return this;
    }

    /**
     * Share the cache across the cluster.
     *
     * @return this builder
     */
    public CacheSettingsBuilder remote() {
        this.local = Boolean.FALSE;
        return this;
    }

    /** The immutable settings {@link #build()} returns. */
    private static final class Snapshot implements CacheSettings, Serializable {

        private static final long serialVersionUID = 1L;

        private final Long expireAfterAccess;
        private final Long expireAfterWrite;
        private final Boolean flushable;
        private final Boolean local;
        private final Integer maxEntries;
        private final Boolean replicateAsynchronously;
        private final Boolean replicateViaCopy;

        Snapshot(Long expireAfterAccess, Long expireAfterWrite, Boolean flushable, Boolean local,
                Integer maxEntries, Boolean replicateAsynchronously, Boolean replicateViaCopy) {
            this.expireAfterAccess = expireAfterAccess;
            this.expireAfterWrite = expireAfterWrite;
            this.flushable = flushable;
            this.local = local;
            this.maxEntries = maxEntries;
            this.replicateAsynchronously = replicateAsynchronously;
            this.replicateViaCopy = replicateViaCopy;
        }

        @Override
        public Long getExpireAfterAccess() {
            return expireAfterAccess;
        }

        @Override
        public long getExpireAfterAccess(long defaultValue) {
            return expireAfterAccess == null ? defaultValue : expireAfterAccess;
        }

        @Override
        public Long getExpireAfterWrite() {
            return expireAfterWrite;
        }

        @Override
        public long getExpireAfterWrite(long defaultValue) {
            return expireAfterWrite == null ? defaultValue : expireAfterWrite;
        }

        @Override
        public Boolean getFlushable() {
            return flushable;
        }

        @Override
        public boolean getFlushable(boolean defaultValue) {
            return flushable == null ? defaultValue : flushable;
        }

        @Override
        public Boolean getLocal() {
            return local;
        }

        @Override
        public boolean getLocal(boolean defaultValue) {
            return local == null ? defaultValue : local;
        }

        @Override
        public Integer getMaxEntries() {
            return maxEntries;
        }

        @Override
        public int getMaxEntries(int defaultValue) {
            return maxEntries == null ? defaultValue : maxEntries;
        }

        @Override
        public Boolean getReplicateAsynchronously() {
            return replicateAsynchronously;
        }

        @Override
        public boolean getReplicateAsynchronously(boolean defaultValue) {
            return replicateAsynchronously == null ? defaultValue : replicateAsynchronously;
        }

        @Override
        public Boolean getReplicateViaCopy() {
            return replicateViaCopy;
        }

        @Override
        public boolean getReplicateViaCopy(boolean defaultValue) {
            return replicateViaCopy == null ? defaultValue : replicateViaCopy;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Snapshot)) {
                return false;
            }
            Snapshot other = (Snapshot) o;
            return Objects.equals(expireAfterAccess, other.expireAfterAccess)
                    && Objects.equals(expireAfterWrite, other.expireAfterWrite)
                    && Objects.equals(flushable, other.flushable)
                    && Objects.equals(local, other.local)
                    && Objects.equals(maxEntries, other.maxEntries)
                    && Objects.equals(replicateAsynchronously, other.replicateAsynchronously)
                    && Objects.equals(replicateViaCopy, other.replicateViaCopy);
        }

        @Override
        public int hashCode() {
            return Objects.hash(expireAfterAccess, expireAfterWrite, flushable, local, maxEntries,
                    replicateAsynchronously, replicateViaCopy);
        }

        @Override
        public String toString() {
            return "CacheSettings[expireAfterAccess=" + expireAfterAccess + ",expireAfterWrite=" + expireAfterWrite
                    + ",flushable=" + flushable + ",local=" + local + ",maxEntries=" + maxEntries
                    + ",replicateAsynchronously=" + replicateAsynchronously + ",replicateViaCopy=" + replicateViaCopy
                    + ']';
        }
    }
}
