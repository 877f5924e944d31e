package io.mailseal.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Mailseal's audit log: what admins, users and jobs changed (settings saved, keys uploaded and removed, sync runs,
 * mail withheld), for the admin screen. Bounded by an {@link AuditRetention}, applied on every append.
 *
 * <p>Implementations are thread-safe and take their "now" from an injected clock. One that cannot reach its storage
 * throws an unchecked exception.
 */
public interface AuditLog {

    /** The most entries one read returns. */
    int MAX_READ = 1000;

    /**
     * Appends an entry, then deletes the entries the retention no longer keeps.
     *
     * @param event the entry; not null
     */
    void append(AuditEvent event);

    /**
     * The newest entries: by time, newest first; entries with the same time newest appended first.
     *
     * @param limit how many at most; 1 to {@value #MAX_READ}
     * @return the entries; empty if none
     * @throws IllegalArgumentException if the limit is outside 1 to {@value #MAX_READ}
     */
    List<AuditEvent> newest(int limit);

    /**
     * The newest entries of one actor with one of some actions, at or after a time: by time, newest first; entries
     * with the same time newest appended first (as {@link #newest}). For decisions drawn from the log, such as the
     * key-download lockout, which counts a user's refused passwords across the cluster: one read, bounded by the
     * limit, on the storage every node shares.
     *
     * @param actor   the actor exactly (a user key or {@code system}); not null
     * @param actions the action codes exactly; not null, 1 to {@value #MAX_ACTIONS} of them
     * @param since   the oldest time included (inclusive); not null
     * @param limit   how many at most; 1 to {@value #MAX_READ}
     * @return the entries; empty if none
     * @throws IllegalArgumentException if the limit is outside 1 to {@value #MAX_READ} or there are no actions or
     *                                  more than {@value #MAX_ACTIONS}
     */
    List<AuditEvent> newestOf(String actor, Set<String> actions, Instant since, int limit);

    /** The most actions one {@link #newestOf} read filters on. */
    int MAX_ACTIONS = 10;

    /**
     * Checks the actions of a {@link #newestOf} read, for implementations.
     *
     * @param actions the actions asked for
     * @return them, copied
     * @throws IllegalArgumentException if there are none or more than {@value #MAX_ACTIONS}
     */
    static Set<String> checkActions(Set<String> actions) {
        Set<String> copy = Set.copyOf(actions);
        if (copy.isEmpty() || copy.size() > MAX_ACTIONS) {
            throw new IllegalArgumentException("actions must be 1 to " + MAX_ACTIONS + ", not " + copy.size());
        }
        return copy;
    }

    /**
     * Checks a read limit, for implementations.
     *
     * @param limit the limit asked for
     * @return the limit
     * @throws IllegalArgumentException if it is outside 1 to {@value #MAX_READ}
     */
    static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_READ) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_READ + ", not " + limit);
        }
        return limit;
    }
}
