package io.mailseal.store;

import java.util.List;

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
