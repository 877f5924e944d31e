package io.mailseal.confluence.overview;

import io.mailseal.confluence.directory.ConfluenceUsers;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySummary;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.source.ConfiguredKeyDirectory;
import io.mailseal.settings.Checked;
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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the key overview on request, in the background: scans Confluence's active users (at most
 * {@link ConfluenceUsers#MAX_USERS}), looks up each user's S/MIME and PGP key through the key directory (so the cache
 * answers where it can, and fills it where it cannot), and counts the users with a usable key by the source of the key
 * that would be used; keys that would be used and expire within {@value #EXPIRY_DAYS} days are listed (at most
 * {@value #MAX_EXPIRING}). Only one computation runs at a time; the newest report is kept with the time it finished.
 *
 * <p>Thread-safe: the report and progress are replaced atomically; computations are serialised.
 */
public final class KeyCoverage implements AutoCloseable {

    /** Keys expiring within this many days are listed. */
    public static final int EXPIRY_DAYS = 30;
    /** The most expiring keys listed. */
    public static final int MAX_EXPIRING = 200;

    private static final Logger LOG = LoggerFactory.getLogger(KeyCoverage.class);

    private final ConfluenceUsers users;
    private final Supplier<Checked<ConfiguredKeyDirectory>> keys;
    private final Clock clock;
    private final Executor background;
    private final ExecutorService owned;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Report report;
    private volatile Progress progress = new Progress(false, 0, 0);

    /**
     * A key that would be used and expires soon.
     *
     * @param user     the user name
     * @param address  the user's address
     * @param type     the key's type
     * @param source   where it was found
     * @param id       the certificate serial or PGP fingerprint
     * @param notAfter when it expires
     */
    public record Expiring(String user, String address, KeyType type, SourceName source, String id,
                           Instant notAfter) {
    }

    /**
     * One computation's result.
     *
     * @param at             when it finished
     * @param users          active users looked at
     * @param total          users Confluence listed (more than {@code users} when the cap was reached)
     * @param truncated      whether the cap was reached
     * @param withoutAddress users without a usable e-mail address
     * @param withAnyKey     users with a usable key of either type
     * @param byType         users with a usable key, per type
     * @param bySource       users with a usable key, per type and source of the key that would be used
     * @param failures       lookups that failed for the moment (a source unreachable), per type
     * @param expiring       keys that would be used and expire within {@value #EXPIRY_DAYS} days, soonest first
     * @param problem        why nothing could be computed (settings unusable), or empty
     */
    public record Report(Instant at, int users, int total, boolean truncated, int withoutAddress, int withAnyKey,
                         Map<KeyType, Integer> byType, Map<KeyType, Map<SourceName, Integer>> bySource,
                         Map<KeyType, Integer> failures, List<Expiring> expiring, String problem) {

        /** Copies the collections. */
        public Report {
            byType = Map.copyOf(byType);
            Map<KeyType, Map<SourceName, Integer>> copy = new EnumMap<>(KeyType.class);
            bySource.forEach((type, counts) -> copy.put(type, Map.copyOf(counts)));
            bySource = Map.copyOf(copy);
            failures = Map.copyOf(failures);
            expiring = List.copyOf(expiring);
            problem = Objects.toString(problem, "");
        }
    }

    /**
     * How far the running computation is.
     *
     * @param running whether one runs
     * @param done    users looked at so far
     * @param total   users to look at
     */
    public record Progress(boolean running, int done, int total) {
    }

    /**
     * The overview, computed on a background thread of its own.
     *
     * @param users    Confluence's users
     * @param outbound the current settings' key directory
     * @param clock    time source
     */
    public KeyCoverage(ConfluenceUsers users, io.mailseal.confluence.mail.SettingsOutboundSource outbound,
                       Clock clock) {
        this(users, outbound::keyDirectory, clock, null);
    }

    /**
     * The overview, computed on the given executor.
     *
     * @param users      Confluence's users
     * @param keys       the current key directory
     * @param clock      time source
     * @param background where computations run; null for a thread of this object's own
     */
    public KeyCoverage(ConfluenceUsers users, Supplier<Checked<ConfiguredKeyDirectory>> keys, Clock clock,
                       Executor background) {
        this.users = Objects.requireNonNull(users, "users");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owned = background == null ? Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mailseal-overview");
            thread.setDaemon(true);
            return thread;
        }) : null;
        this.background = background == null ? owned : background;
    }

    /**
     * The newest report.
     *
     * @return it, or empty if none was computed since start
     */
    public Optional<Report> report() {
        return Optional.ofNullable(report);
    }

    /**
     * How far the running computation is.
     *
     * @return the progress
     */
    public Progress progress() {
        return progress;
    }

    /**
     * Starts a computation in the background unless one is running.
     *
     * @return true if one was started
     */
    public boolean start() {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        progress = new Progress(true, 0, 0);
        try {
            background.execute(() -> {
                try {
                    report = compute();
                } catch (RuntimeException e) {
                    LOG.error("Mailseal could not compute the key overview: {}", e.getMessage());
                    report = empty("the overview failed: " + e.getMessage());
                } finally {
                    progress = new Progress(false, progress.done(), progress.total());
                    running.set(false);
                }
            });
            return true;
        } catch (RuntimeException e) {
            running.set(false);
            progress = new Progress(false, 0, 0);
            throw e;
        }
    }

    private Report compute() {
        Checked<ConfiguredKeyDirectory> checked = keys.get();
        if (checked instanceof Checked.Invalid<ConfiguredKeyDirectory> invalid) {
            return empty("the stored settings cannot be used: " + invalid.problems());
        }
        ConfiguredKeyDirectory directory = checked.orElseThrow();
        Optional<ConfluenceUsers.Snapshot> scanned = users.scan().or(users::snapshot);
        if (scanned.isEmpty()) {
            return empty("Confluence's users are being read; compute the overview again in a moment");
        }
        ConfluenceUsers.Snapshot snapshot = scanned.get();
        Instant soon = clock.instant().plus(Duration.ofDays(EXPIRY_DAYS));
        Map<KeyType, Integer> byType = new EnumMap<>(KeyType.class);
        Map<KeyType, Map<SourceName, Integer>> bySource = new EnumMap<>(KeyType.class);
        Map<KeyType, Integer> failures = new EnumMap<>(KeyType.class);
        for (KeyType type : KeyType.values()) {
            byType.put(type, 0);
            bySource.put(type, new EnumMap<>(SourceName.class));
            failures.put(type, 0);
        }
        List<Expiring> expiring = new ArrayList<>();
        int withoutAddress = 0;
        int withAnyKey = 0;
        int done = 0;
        progress = new Progress(true, 0, snapshot.users().size());
        for (ConfluenceUsers.KnownUser user : snapshot.users()) {
            EmailAddress address = user.address();
            if (address == null) {
                withoutAddress++;
            } else {
                boolean any = false;
                for (KeyType type : KeyType.values()) {
                    LookupResult result = directory.lookup(address, type);
                    if (result.transientFailure()) {
                        failures.merge(type, 1, Integer::sum);
                    }
                    if (result.selected().isPresent()) {
                        any = true;
                        LookupResult.Found found = result.selected().get();
                        byType.merge(type, 1, Integer::sum);
                        bySource.get(type).merge(found.source(), 1, Integer::sum);
                        KeySummary summary = found.key().summary();
                        if (summary.notAfter() != null && summary.notAfter().isBefore(soon)) {
                            expiring.add(new Expiring(user.name(), address.value(), type, found.source(),
                                    summary.id(), summary.notAfter()));
                        }
                    }
                }
                withAnyKey += any ? 1 : 0;
            }
            progress = new Progress(true, ++done, snapshot.users().size());
        }
        expiring.sort(Comparator.comparing(Expiring::notAfter).thenComparing(Expiring::user));
        return new Report(clock.instant(), snapshot.users().size(), snapshot.total(), snapshot.truncated(),
                withoutAddress, withAnyKey, byType, bySource, failures,
                expiring.subList(0, Math.min(MAX_EXPIRING, expiring.size())), "");
    }

    private Report empty(String problem) {
        return new Report(clock.instant(), 0, 0, false, 0, 0, Map.of(), Map.of(), Map.of(), List.of(), problem);
    }

    /** Stops the background thread (plugin disabled). */
    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}
