package io.mailseal.confluence.directory;

import com.atlassian.confluence.user.UserAccessor;
import com.atlassian.crowd.embedded.api.CrowdService;
import com.atlassian.crowd.embedded.api.User;
import io.mailseal.keys.EmailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluence's active users with their e-mail address and Crowd directory, read in one bounded scan: the names from
 * {@link UserAccessor#getUserNamesWithConfluenceAccess()}, then each user from {@link CrowdService#getUser(String)};
 * at most {@value #MAX_USERS} users per scan (the rest are counted, not read). The newest scan is kept in memory and
 * serves two things: the key overview, and the user directory source's shortcut from an address to its user's own
 * directory ({@link #directoryOf}).
 *
 * <p>A scan never runs on a caller's thread unless asked for ({@link #scan()}): {@link #refresh()} starts one on this
 * object's single background thread (at most one at a time), and {@link #directoryOf} starts one when the newest is
 * older than {@value #MAX_AGE_MINUTES} minutes, answering from what it has meanwhile.
 *
 * <p>Thread-safe: the snapshot is replaced atomically; scans are serialised.
 */
public final class ConfluenceUsers implements CrowdDirectoryKeySource.UserDirectory, AutoCloseable {

    /** The most users read per scan. */
    public static final int MAX_USERS = 20_000;
    /** After how many minutes the address shortcut asks for a new scan. */
    public static final int MAX_AGE_MINUTES = 60;

    private static final Logger LOG = LoggerFactory.getLogger(ConfluenceUsers.class);

    private final UserAccessor userAccessor;
    private final CrowdService crowdService;
    private final Clock clock;
    private final java.util.concurrent.Executor background;
    private final ExecutorService owned;
    private final int maxUsers;
    private final AtomicBoolean scanning = new AtomicBoolean();
    private volatile Snapshot snapshot;
    private volatile Map<String, List<KnownUser>> index = Map.of();
    private volatile Progress progress = new Progress(false, 0, 0);

    /**
     * One user.
     *
     * @param name        the user name
     * @param address     the e-mail address; null if the user has none that parses
     * @param directoryId the Crowd directory the user comes from
     */
    public record KnownUser(String name, EmailAddress address, long directoryId) {
    }

    /**
     * One scan's result.
     *
     * @param users     the active users read, in Confluence's order
     * @param total     how many names Confluence listed (more than {@code users} if the cap was reached)
     * @param truncated whether the cap was reached
     * @param at        when the scan finished
     */
    public record Snapshot(List<KnownUser> users, int total, boolean truncated, Instant at) {

        /** Copies the list. */
        public Snapshot {
            users = List.copyOf(users);
        }
    }

    /**
     * How far the running scan is.
     *
     * @param running whether one is running
     * @param read    users read so far
     * @param total   users to read
     */
    public record Progress(boolean running, int read, int total) {
    }

    /**
     * Users read on a background thread of their own.
     *
     * @param userAccessor Confluence's users
     * @param crowdService Crowd's users
     * @param clock        time source
     */
    public ConfluenceUsers(UserAccessor userAccessor, CrowdService crowdService, Clock clock) {
        this(userAccessor, crowdService, clock, null, MAX_USERS);
    }

    /**
     * Users read on the given executor (tests run scans on the calling thread).
     *
     * @param userAccessor Confluence's users
     * @param crowdService Crowd's users
     * @param clock        time source
     * @param background   where background scans run; null for a thread of this object's own
     * @param maxUsers     the most users read per scan
     */
    public ConfluenceUsers(UserAccessor userAccessor, CrowdService crowdService, Clock clock,
                           java.util.concurrent.Executor background, int maxUsers) {
        this.userAccessor = Objects.requireNonNull(userAccessor, "userAccessor");
        this.crowdService = Objects.requireNonNull(crowdService, "crowdService");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxUsers < 1) {
            throw new IllegalArgumentException("maxUsers must be positive: " + maxUsers);
        }
        this.maxUsers = maxUsers;
        this.owned = background == null ? Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mailseal-users");
            thread.setDaemon(true);
            return thread;
        }) : null;
        this.background = background == null ? owned : background;
    }

    /**
     * The newest scan.
     *
     * @return it, or empty if none finished yet
     */
    public Optional<Snapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    /**
     * How far the running scan is.
     *
     * @return the progress
     */
    public Progress progress() {
        return progress;
    }

    /**
     * Starts a scan in the background unless one is running.
     *
     * @return true if one was started
     */
    public boolean refresh() {
        if (!scanning.compareAndSet(false, true)) {
            return false;
        }
        try {
            background.execute(() -> {
                try {
                    scanNow();
                } catch (RuntimeException e) {
                    LOG.error("Mailseal could not read Confluence's users: {}", e.getMessage());
                } finally {
                    scanning.set(false);
                }
            });
            return true;
        } catch (RuntimeException e) {
            scanning.set(false);
            throw e;
        }
    }

    /**
     * Scans now, on the caller's thread, unless a scan is running.
     *
     * @return the new snapshot, or empty if a scan was already running
     */
    public Optional<Snapshot> scan() {
        if (!scanning.compareAndSet(false, true)) {
            return Optional.empty();
        }
        try {
            return Optional.of(scanNow());
        } finally {
            scanning.set(false);
        }
    }

    private Snapshot scanNow() {
        List<String> names = userAccessor.getUserNamesWithConfluenceAccess();
        int total = names == null ? 0 : names.size();
        int limit = Math.min(total, maxUsers);
        progress = new Progress(true, 0, limit);
        List<KnownUser> users = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            User user = crowdService.getUser(names.get(i));
            if (user != null && user.isActive()) {
                users.add(new KnownUser(user.getName(), EmailAddress.find(Objects.toString(user.getEmailAddress(),
                        "")).orElse(null), user.getDirectoryId()));
            }
            progress = new Progress(true, i + 1, limit);
        }
        Snapshot done = new Snapshot(users, total, total > limit, clock.instant());
        index = byAddress(done);
        snapshot = done;
        progress = new Progress(false, limit, limit);
        return done;
    }

    private static Map<String, List<KnownUser>> byAddress(Snapshot snapshot) {
        Map<String, List<KnownUser>> byAddress = new HashMap<>();
        for (KnownUser user : snapshot.users()) {
            if (user.address() != null) {
                byAddress.computeIfAbsent(user.address().canonical(), key -> new ArrayList<>()).add(user);
            }
        }
        return Map.copyOf(byAddress);
    }

    /**
     * The Crowd directory of the one Confluence user with this address (ignoring case), asked afresh from Crowd by the user's name.
     * Answers from the newest scan; starts a new scan in the background when there is none or it is older than
     * {@value #MAX_AGE_MINUTES} minutes.
     *
     * @param address the address
     * @return the directory id, or empty when no single user is known with this address (none, several, or no scan
     *         yet)
     */
    @Override
    public OptionalLong directoryOf(EmailAddress address) {
        Snapshot current = snapshot;
        if (current == null || Duration.between(current.at(), clock.instant()).toMinutes() >= MAX_AGE_MINUTES) {
            refresh();
        }
        List<KnownUser> users = index.getOrDefault(address.canonical(), List.of());
        if (users.size() != 1) {
            return OptionalLong.empty();
        }
        User user = crowdService.getUser(users.get(0).name());
        return user == null ? OptionalLong.empty() : OptionalLong.of(user.getDirectoryId());
    }

    /** Stops the background thread (plugin disabled). */
    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}
