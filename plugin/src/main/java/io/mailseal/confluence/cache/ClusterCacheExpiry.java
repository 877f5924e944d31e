package io.mailseal.confluence.cache;

import com.atlassian.cache.CacheFactory;
import com.atlassian.cache.CacheSettingsBuilder;
import com.atlassian.cache.CachedReference;
import java.util.Objects;
import java.util.UUID;

/**
 * Tells every node of a Data Center cluster to drop its cached key answers. The key caches themselves stay local to
 * each node (they hold certificates and keys, which are not to be copied around the cluster); what is shared is an
 * epoch: an atlassian-cache reference that is local with {@code replicateViaInvalidation()}. Expiring resets it, which
 * atlassian-cache invalidates on every node; each node then loads a fresh random epoch, sees it differ from the one it
 * saw last, and clears its own cache before the next lookup.
 *
 * <p>Thread-safe.
 */
public final class ClusterCacheExpiry {

    private final CachedReference<String> epoch;
    private String seen;

    /**
     * The expiry of Mailseal's key caches.
     *
     * @param cacheFactory the host's cache factory
     */
    public ClusterCacheExpiry(CacheFactory cacheFactory) {
        this.epoch = Objects.requireNonNull(cacheFactory, "cacheFactory").getCachedReference(
                ClusterCacheExpiry.class.getName() + ".keyCacheEpoch", () -> UUID.randomUUID().toString(),
                new CacheSettingsBuilder().local().replicateViaInvalidation().build());
    }

    /**
     * Whether the cluster expired the caches since this node last asked (the first call answers false: a node that
     * just started has nothing cached).
     *
     * @return true if this node should clear its key cache now
     */
    public synchronized boolean expiredSinceLastCheck() {
        String now = epoch.get();
        boolean expired = seen != null && !seen.equals(now);
        seen = now;
        return expired;
    }

    /** Expires the key caches of every node. */
    public void expireEverywhere() {
        epoch.reset();
    }
}
