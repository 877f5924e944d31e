package io.mailseal.testkit.store;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStatus;
import io.mailseal.store.ManagedKeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Managed keys in memory, for tests, the command line and the benchmarks: indexed by type and canonical address.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class InMemoryManagedKeyStore implements ManagedKeyStore {

    private static final Comparator<ManagedKey> NEWEST_FIRST = Comparator
            .comparing((ManagedKey key) -> key.status().created()).reversed();

    /** Type to canonical address to fingerprint to key. */
    private final Map<KeyType, Map<String, Map<String, ManagedKey>>> keys = new HashMap<>();

    @Override
    public synchronized List<ManagedKey> findKeys(EmailAddress address, KeyType type) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Map<String, ManagedKey> found = keys.getOrDefault(type, Map.of()).getOrDefault(address.canonical(), Map.of());
        List<ManagedKey> sorted = new ArrayList<>(found.values());
        sorted.sort(NEWEST_FIRST);
        return List.copyOf(sorted);
    }

    @Override
    public synchronized List<ManagedKeyStatus> statuses(KeyType type) {
        Objects.requireNonNull(type, "type");
        List<ManagedKeyStatus> all = new ArrayList<>();
        keys.getOrDefault(type, Map.of()).values().forEach(byFingerprint ->
                byFingerprint.values().forEach(key -> all.add(key.status())));
        return List.copyOf(all);
    }

    @Override
    public synchronized void save(ManagedKey key) {
        Objects.requireNonNull(key, "key");
        keys.computeIfAbsent(key.status().type(), t -> new HashMap<>())
                .computeIfAbsent(key.address().canonical(), a -> new LinkedHashMap<>())
                .put(key.fingerprint(), key);
    }

    @Override
    public synchronized List<ManagedKeyStatus> deleteKeys(EmailAddress address, KeyType type) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Map<String, ManagedKey> removed = keys.getOrDefault(type, new HashMap<>()).remove(address.canonical());
        return removed == null ? List.of() : removed.values().stream().map(ManagedKey::status).toList();
    }

    @Override
    public String toString() {
        return "InMemoryManagedKeyStore";
    }
}
