package io.mailseal.confluence.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.testkit.confluence.InMemoryCacheFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterCacheExpiryTest {

    @Test
    void expiringOnOneNodeTellsEveryNodeOnceAndOnlyOnce() {
        List<InMemoryCacheFactory> cluster = InMemoryCacheFactory.cluster(3);
        ClusterCacheExpiry a = new ClusterCacheExpiry(cluster.get(0));
        ClusterCacheExpiry b = new ClusterCacheExpiry(cluster.get(1));
        ClusterCacheExpiry c = new ClusterCacheExpiry(cluster.get(2));
        assertThat(List.of(a.expiredSinceLastCheck(), b.expiredSinceLastCheck(), c.expiredSinceLastCheck()))
                .containsOnly(false);

        a.expireEverywhere();

        assertThat(b.expiredSinceLastCheck()).isTrue();
        assertThat(b.expiredSinceLastCheck()).isFalse();
        assertThat(c.expiredSinceLastCheck()).isTrue();
        assertThat(a.expiredSinceLastCheck()).isTrue();
        assertThat(a.expiredSinceLastCheck()).isFalse();
    }

    @Test
    void withoutAnExpiryNoNodeClearsItsCache() {
        List<InMemoryCacheFactory> cluster = InMemoryCacheFactory.cluster(2);
        ClusterCacheExpiry a = new ClusterCacheExpiry(cluster.get(0));
        ClusterCacheExpiry b = new ClusterCacheExpiry(cluster.get(1));

        for (int i = 0; i < 3; i++) {
            assertThat(a.expiredSinceLastCheck()).isFalse();
            assertThat(b.expiredSinceLastCheck()).isFalse();
        }
    }
}
