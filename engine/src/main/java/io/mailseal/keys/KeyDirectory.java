package io.mailseal.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds the key to encrypt to for a recipient: asks the configured sources in precedence order, stops at the first
 * that has a usable key, and remembers the answer.
 *
 * <p>Precedence is the order of the source lists (the spec's: S/MIME upload, key store file, user-directory LDAP,
 * external LDAP; PGP upload, key store file, key servers). The cache is bounded and keyed by (address, type); entries
 * expire per {@link CachePolicy}; concurrent lookups of the same uncached address share one load, so a burst of mail to
 * one recipient asks each source once. {@link #expireAll()} marks every entry stale; a directory built from new
 * settings starts empty.
 *
 * <p>Thread-safe. A source that throws (it should not) is reported as an error response, never propagated.
 */
public final class KeyDirectory {

    private final Map<KeyType, List<KeySource>> sources;
    private final CachePolicy policy;
    private final Clock clock;
    private final ConcurrentHashMap<CacheKey, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /**
     * Creates a directory.
     *
     * @param sources the sources per key type, in precedence order; types without sources find nothing
     * @param policy  how long answers are kept
     * @param clock   time source for expiry
     */
    public KeyDirectory(Map<KeyType, List<KeySource>> sources, CachePolicy policy, Clock clock) {
        EnumMap<KeyType, List<KeySource>> copy = new EnumMap<>(KeyType.class);
        for (KeyType type : KeyType.values()) {
            List<KeySource> list = List.copyOf(sources.getOrDefault(type, List.of()));
            for (KeySource source : list) {
                if (source.type() != type) {
                    throw new IllegalArgumentException(source.name() + " provides " + source.type() + " keys, listed under "
                            + type);
                }
            }
            copy.put(type, list);
        }
        this.sources = Map.copyOf(copy);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The key to encrypt to, from the cache or the sources.
     *
     * @param address the recipient
     * @param type    S/MIME or PGP
     * @return the result; never throws for a missing key or a failing source
     */
    public LookupResult lookup(EmailAddress address, KeyType type) {
        CacheKey key = new CacheKey(address.canonical(), type);
        while (true) {
            Entry existing = cache.get(key);
            if (existing != null && existing.usable(clock.instant(), generation.get())) {
                return existing.join();
            }
            Entry mine = new Entry(new CompletableFuture<>(), generation.get());
            boolean claimed = existing == null ? cache.putIfAbsent(key, mine) == null : cache.replace(key, existing, mine);
            if (!claimed) {
                continue;
            }
            LookupResult result;
            try {
                result = load(address, type);
            } catch (RuntimeException | Error e) {
                cache.remove(key, mine);
                mine.result.completeExceptionally(e);
                throw e;
            }
            mine.expiresAt = clock.instant().plus(policy.timeToLive(result));
            mine.result.complete(result);
            if (cache.size() > policy.maxEntries()) {
                evict();
            }
            return result;
        }
    }

    /**
     * Asks every configured source for both key types afresh, bypassing and not touching the cache: the admin's
     * "verify settings".
     *
     * @param address the address to verify
     * @return every source's answer and the keys that would be used
     */
    public Verification verify(EmailAddress address) {
        List<SourceResponse> responses = new ArrayList<>();
        List<LookupResult.Found> selected = new ArrayList<>();
        for (KeyType type : KeyType.values()) {
            Optional<LookupResult.Found> first = Optional.empty();
            for (KeySource source : sources.get(type)) {
                SourceResponse response = ask(source, address);
                responses.add(response);
                if (first.isEmpty() && response.status() == SourceResponse.Status.OK) {
                    first = Optional.of(new LookupResult.Found(source.name(), response.accepted().get(0)));
                }
            }
            first.ifPresent(selected::add);
        }
        return new Verification(address, selected, responses);
    }

    /** Marks every cached answer stale: the next lookup of each address asks the sources again. */
    public void expireAll() {
        generation.incrementAndGet();
    }

    /**
     * Forgets the cached answers for one address (both key types), so its next lookup asks the sources again; used
     * when a user uploads or removes a key. A lookup already running finishes for the callers waiting on it.
     *
     * @param address the address
     */
    public void expire(EmailAddress address) {
        for (KeyType type : KeyType.values()) {
            cache.remove(new CacheKey(address.canonical(), type));
        }
    }

    /**
     * How many (address, type) answers are cached, stale ones included.
     *
     * @return the number of entries
     */
    public int cachedEntries() {
        return cache.size();
    }

    private LookupResult load(EmailAddress address, KeyType type) {
        List<SourceResponse> responses = new ArrayList<>();
        for (KeySource source : sources.get(type)) {
            SourceResponse response = ask(source, address);
            responses.add(response);
            if (response.status() == SourceResponse.Status.OK) {
                return new LookupResult(address, type,
                        Optional.of(new LookupResult.Found(source.name(), response.accepted().get(0))), responses);
            }
        }
        return new LookupResult(address, type, Optional.empty(), responses);
    }

    private static SourceResponse ask(KeySource source, EmailAddress address) {
        long start = System.nanoTime();
        try {
            SourceResponse response = source.lookup(address);
            if (response == null) {
                return SourceResponse.error(source.name(), source.type(), "source gave no answer",
                        Duration.ofNanos(System.nanoTime() - start));
            }
            return response;
        } catch (RuntimeException e) {
            return SourceResponse.error(source.name(), source.type(), "unexpected failure: " + e,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Drops stale entries, then the soonest to expire, down to 90 % of the bound. */
    private void evict() {
        Instant now = clock.instant();
        long current = generation.get();
        cache.entrySet().removeIf(e -> e.getValue().result.isDone() && !e.getValue().usable(now, current));
        int target = Math.max(1, policy.maxEntries() * 9 / 10);
        if (cache.size() <= target) {
            return;
        }
        List<Map.Entry<CacheKey, Entry>> done = new ArrayList<>();
        for (Map.Entry<CacheKey, Entry> e : cache.entrySet()) {
            if (e.getValue().result.isDone()) {
                done.add(e);
            }
        }
        done.sort(Comparator.comparing(e -> e.getValue().expiresAt));
        for (int i = 0; i < done.size() && cache.size() > target; i++) {
            cache.remove(done.get(i).getKey(), done.get(i).getValue());
        }
    }

    private record CacheKey(String address, KeyType type) {
    }

    private static final class Entry {
        final CompletableFuture<LookupResult> result;
        final long generation;
        volatile Instant expiresAt = Instant.MAX;

        Entry(CompletableFuture<LookupResult> result, long generation) {
            this.result = result;
            this.generation = generation;
        }

        boolean usable(Instant now, long currentGeneration) {
            if (!result.isDone()) {
                return true;
            }
            return !result.isCompletedExceptionally() && generation == currentGeneration && now.isBefore(expiresAt);
        }

        LookupResult join() {
            try {
                return result.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw e;
            }
        }
    }
}
