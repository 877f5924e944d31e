package io.mailseal.confluence.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts wrong passwords per user for the managed-key download: after {@value #MAX_FAILURES} wrong passwords within
 * {@link #WINDOW} the user is locked out of downloads for {@link #LOCKOUT}. A right password forgets the user's
 * earlier failures (not a running lockout).
 *
 * <p>Kept in memory on this node, for at most {@value #MAX_USERS} users (the least recently seen are forgotten first),
 * so it is bounded; in a cluster each node counts on its own. Times come from the injected clock.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class PasswordAttempts {

    /** Wrong passwords that start a lockout. */
    public static final int MAX_FAILURES = 5;
    /** The window the wrong passwords are counted in. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** How long a lockout lasts. */
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** The most users remembered. */
    public static final int MAX_USERS = 10_000;

    private final Clock clock;
    private final int maxUsers;
    private final Map<String, State> states;

    /** One user's recent failures and lockout. */
    private static final class State {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;
    }

    /**
     * Creates the counter with room for {@value #MAX_USERS} users.
     *
     * @param clock the time
     */
    public PasswordAttempts(Clock clock) {
        this(clock, MAX_USERS);
    }

    /**
     * Creates the counter.
     *
     * @param clock    the time
     * @param maxUsers the most users remembered; at least 1
     */
    public PasswordAttempts(Clock clock, int maxUsers) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxUsers < 1) {
            throw new IllegalArgumentException("maxUsers must be at least 1");
        }
        this.maxUsers = maxUsers;
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
                return size() > PasswordAttempts.this.maxUsers;
            }
        };
    }

    /**
     * Until when a user is locked out.
     *
     * @param user the user key
     * @return the end of the running lockout, or empty if the user may try
     */
    public synchronized Optional<Instant> lockedUntil(String user) {
        State state = states.get(user);
        Instant now = clock.instant();
        return state != null && now.isBefore(state.lockedUntil) ? Optional.of(state.lockedUntil) : Optional.empty();
    }

    /**
     * Records a wrong password.
     *
     * @param user the user key
     * @return the end of the lockout this failure started, or empty if the user may still try
     */
    public synchronized Optional<Instant> failed(String user) {
        Instant now = clock.instant();
        State state = states.computeIfAbsent(user, key -> new State());
        while (!state.failures.isEmpty() && !state.failures.peekFirst().isAfter(now.minus(WINDOW))) {
            state.failures.removeFirst();
        }
        state.failures.addLast(now);
        if (state.failures.size() >= MAX_FAILURES) {
            state.failures.clear();
            state.lockedUntil = now.plus(LOCKOUT);
            return Optional.of(state.lockedUntil);
        }
        return Optional.empty();
    }

    /**
     * Records a right password: the user's earlier failures are forgotten.
     *
     * @param user the user key
     */
    public synchronized void succeeded(String user) {
        State state = states.get(user);
        if (state != null) {
            state.failures.clear();
        }
    }

    /**
     * How many users are remembered.
     *
     * @return the number
     */
    synchronized int size() {
        return states.size();
    }

    @Override
    public String toString() {
        return "PasswordAttempts[" + MAX_FAILURES + " in " + WINDOW + ", lockout " + LOCKOUT + "]";
    }
}
