package io.mailseal.testkit.confluence;

import com.atlassian.cache.Cache;
import com.atlassian.cache.CacheEntryEvent;
import com.atlassian.cache.CacheEntryListener;
import com.atlassian.cache.CacheFactory;
import com.atlassian.cache.CacheLoader;
import com.atlassian.cache.CacheSettings;
import com.atlassian.cache.CachedReference;
import com.atlassian.cache.Supplier;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Atlassian cache factory with {@link ConcurrentHashMap}-backed caches (no expiry, no size limit; settings are
 * ignored). A cache asked for with a {@link CacheLoader} (or a reference with its supplier) is created anew so the
 * latest loader is used; a cache without loader is shared by name. Factories made together by {@link #cluster(int)}
 * stand for the nodes of a cluster: resetting a cached reference that was asked for as local with
 * {@code replicateViaInvalidation()} resets the reference of the same name on every node, as atlassian-cache does.
 *
 * <p>Thread-safe: concurrent maps, atomic references and copy-on-write listener lists.
 */
public final class InMemoryCacheFactory implements CacheFactory {

    private final Map<String, MapCache<?, ?>> caches = new ConcurrentHashMap<>();
    private final Map<String, Reference<?>> references = new ConcurrentHashMap<>();
    private final List<InMemoryCacheFactory> cluster;

    /** A factory for a single node. */
    public InMemoryCacheFactory() {
        this.cluster = List.of(this);
    }

    private InMemoryCacheFactory(List<InMemoryCacheFactory> cluster) {
        this.cluster = cluster;
    }

    /**
     * The factories of the nodes of one cluster.
     *
     * @param nodes how many nodes
     * @return one factory per node
     */
    public static List<InMemoryCacheFactory> cluster(int nodes) {
        List<InMemoryCacheFactory> members = new CopyOnWriteArrayList<>();
        for (int i = 0; i < nodes; i++) {
            members.add(new InMemoryCacheFactory(members));
        }
        return List.copyOf(members);
    }

    @Override
    public <V> CachedReference<V> getCachedReference(String name, Supplier<V> supplier) {
        return getCachedReference(name, supplier, null);
    }

    @Override
    public <V> CachedReference<V> getCachedReference(String name, Supplier<V> supplier, CacheSettings required) {
        boolean invalidateEverywhere = required != null && required.getLocal(false)
                && !required.getReplicateViaCopy(true);
        Reference<V> reference = new Reference<>(supplier, invalidateEverywhere ? () -> cluster.forEach(node -> {
            Reference<?> other = node.references.get(name);
            if (other != null) {
                other.value.set(null);
            }
        }) : null);
        references.put(Objects.requireNonNull(name, "name"), reference);
        return reference;
    }

    @Override
    public <V> CachedReference<V> getCachedReference(Class<?> owningClass, String name, Supplier<V> supplier) {
        return getCachedReference(owningClass.getName() + '.' + name, supplier, null);
    }

    @Override
    public <V> CachedReference<V> getCachedReference(Class<?> owningClass, String name, Supplier<V> supplier,
            CacheSettings required) {
        return getCachedReference(owningClass.getName() + '.' + name, supplier, required);
    }

    @Override
    public <K, V> Cache<K, V> getCache(String name) {
        return getCache(name, (CacheLoader<K, V>) null, null);
    }

    @Override
    public <K, V> Cache<K, V> getCache(Class<?> owningClass, String name) {
        return getCache(owningClass.getName() + '.' + name);
    }

    @Override
    public <K, V> Cache<K, V> getCache(String name, CacheLoader<K, V> loader) {
        return getCache(name, loader, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> getCache(String name, CacheLoader<K, V> loader, CacheSettings required) {
        Objects.requireNonNull(name, "name");
        if (loader != null) {
            MapCache<K, V> cache = new MapCache<>(name, loader);
            caches.put(name, cache);
            return cache;
        }
        return (Cache<K, V>) caches.computeIfAbsent(name, n -> new MapCache<>(n, null));
    }

    @Override
    @Deprecated
    public <K, V> Cache<K, V> getCache(String name, Class<K> keyType, Class<V> valueType) {
        return getCache(name);
    }

    /** A cache over a concurrent map, loading missing keys through its loader if it has one. */
    private static final class MapCache<K, V> implements Cache<K, V> {

        private final String name;
        private final CacheLoader<K, V> loader;
        private final Map<K, V> values = new ConcurrentHashMap<>();
        private final List<Listener<K, V>> listeners = new CopyOnWriteArrayList<>();

        MapCache(String name, CacheLoader<K, V> loader) {
            this.name = name;
            this.loader = loader;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean containsKey(K key) {
            return values.containsKey(key);
        }

        @Override
        public List<K> getKeys() {
            return List.copyOf(values.keySet());
        }

        @Override
        public V get(K key) {
            return loader == null ? values.get(key) : get(key, () -> loader.load(key));
        }

        @Override
        public V get(K key, Supplier<? extends V> supplier) {
            V present = values.get(key);
            if (present != null) {
                return present;
            }
            V loaded = supplier.get();
            if (loaded == null) {
                return null;
            }
            V raced = values.putIfAbsent(key, loaded);
            if (raced != null) {
                return raced;
            }
            fire(key, loaded, null, Kind.ADD);
            return loaded;
        }

        @Override
        public void put(K key, V value) {
            V old = values.put(key, Objects.requireNonNull(value, "value"));
            fire(key, value, old, old == null ? Kind.ADD : Kind.UPDATE);
        }

        @Override
        public V putIfAbsent(K key, V value) {
            V old = values.putIfAbsent(key, Objects.requireNonNull(value, "value"));
            if (old == null) {
                fire(key, value, null, Kind.ADD);
            }
            return old;
        }

        @Override
        public void remove(K key) {
            V old = values.remove(key);
            if (old != null) {
                fire(key, null, old, Kind.REMOVE);
            }
        }

        @Override
        public boolean remove(K key, V value) {
            boolean removed = values.remove(key, value);
            if (removed) {
                fire(key, null, value, Kind.REMOVE);
            }
            return removed;
        }

        @Override
        public void removeAll() {
            values.keySet().forEach(this::remove);
        }

        @Override
        public boolean replace(K key, V oldValue, V newValue) {
            boolean replaced = values.replace(key, oldValue, Objects.requireNonNull(newValue, "newValue"));
            if (replaced) {
                fire(key, newValue, oldValue, Kind.UPDATE);
            }
            return replaced;
        }

        @Override
        @Deprecated
        public void addListener(CacheEntryListener<K, V> listener, boolean includeValues) {
            listeners.add(new Listener<>(Objects.requireNonNull(listener, "listener"), includeValues));
        }

        @Override
        @Deprecated
        public void removeListener(CacheEntryListener<K, V> listener) {
            listeners.removeIf(registered -> registered.listener() == listener);
        }

        private void fire(K key, V value, V oldValue, Kind kind) {
            for (Listener<K, V> registered : listeners) {
                Event<K, V> event = registered.includeValues() ? new Event<>(key, value, oldValue)
                        : new Event<>(key, null, null);
                switch (kind) {
                    case ADD -> registered.listener().onAdd(event);
                    case UPDATE -> registered.listener().onUpdate(event);
                    case REMOVE -> registered.listener().onRemove(event);
                    default -> throw new IllegalStateException(kind.name());
                }
            }
        }
    }

    /** What happened to an entry. */
    private enum Kind {
        ADD, UPDATE, REMOVE
    }

    /** A registered cache listener. */
    private record Listener<K, V>(CacheEntryListener<K, V> listener, boolean includeValues) {
    }

    /** A cache entry event. */
    private record Event<K, V>(K key, V value, V oldValue) implements CacheEntryEvent<K, V> {

        @Override
        public K getKey() {
            return key;
        }

        @Override
        public V getValue() {
            return value;
        }

        @Override
        public V getOldValue() {
            return oldValue;
        }
    }

    /** A cached reference, produced by its supplier on first use and after {@link #reset()}. */
    private static final class Reference<V> implements CachedReference<V> {

        private final Supplier<V> supplier;
        private final AtomicReference<V> value = new AtomicReference<>();
        private final Runnable invalidateEverywhere;

        Reference(Supplier<V> supplier, Runnable invalidateEverywhere) {
            this.supplier = Objects.requireNonNull(supplier, "supplier");
            this.invalidateEverywhere = invalidateEverywhere;
        }

        @Override
        public V get() {
            V present = value.get();
            if (present != null) {
                return present;
            }
            V produced = Objects.requireNonNull(supplier.get(), "the supplier returned null");
            return value.compareAndSet(null, produced) ? produced : get();
        }

        @Override
        public void reset() {
            value.set(null);
            if (invalidateEverywhere != null) {
                invalidateEverywhere.run();
            }
        }

        @Override
        public boolean isPresent() {
            return value.get() != null;
        }

        @Override
        public Optional<V> getIfPresent() {
            return Optional.ofNullable(value.get());
        }
    }
}
