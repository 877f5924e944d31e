package io.mailseal.confluence.storage;

import com.atlassian.activeobjects.external.ActiveObjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A cluster-wide lock with a lease in Active Objects ({@link AoSyncLock}), so USE sync runs never overlap on any node,
 * and so every node's admin page sees the running sync's progress and can ask it to stop. Taking the lock inserts the
 * one row of its name (the unique column makes a concurrent second insert fail); a lease not renewed in time is
 * expired and may be taken over, so a node that died does not block the sync for longer than one lease.
 *
 * <p>Confluence's {@code ClusterLockService} would give mutual exclusion only; the row also carries the progress and
 * the cancel request across nodes (docs/adr/0010).
 *
 * <p>Thread-safe: no state of its own besides the injected services.
 */
public final class AoRunLock {

    /** What a renewal found. */
    public enum Renewal {
        /** Still held; carry on. */
        HELD,
        /** Still held, and the admin asked the run to stop. */
        CANCEL_ASKED,
        /** The lease ran out and the lock is gone or someone else's: stop at once. */
        LOST
    }

    /**
     * A held lock.
     *
     * @param name   the lock's name
     * @param holder the holder's token
     */
    public record Lease(String name, String holder) {

        /** Validates. */
        public Lease {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(holder, "holder");
        }
    }

    /**
     * A lock as another node sees it.
     *
     * @param started     when it was taken
     * @param leaseUntil  until when its lease holds
     * @param progress    the holder's last progress line; empty before the first
     * @param cancelAsked whether the admin asked the run to stop
     */
    public record Held(Instant started, Instant leaseUntil, String progress, boolean cancelAsked) {

        /** Validates. */
        public Held {
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(leaseUntil, "leaseUntil");
            Objects.requireNonNull(progress, "progress");
        }
    }

    private final ActiveObjects ao;
    private final Clock clock;
    private final Duration lease;

    /**
     * Creates the lock.
     *
     * @param ao    the plugin's Active Objects (the {@code ao-module} declares {@link AoSyncLock})
     * @param clock time source for leases
     * @param lease how long a lease holds unless renewed; positive
     */
    public AoRunLock(ActiveObjects ao, Clock clock, Duration lease) {
        this.ao = Objects.requireNonNull(ao, "ao");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
        this.lease = lease;
    }

    /**
     * Takes the lock if it is free or its lease ran out.
     *
     * @param name the lock's name
     * @return the lease; empty if another holder has it
     */
    public Optional<Lease> tryAcquire(String name) {
        Objects.requireNonNull(name, "name");
        long now = clock.millis();
        String holder = UUID.randomUUID().toString();
        ao.executeInTransaction(() -> ao.deleteWithSQL(AoSyncLock.class, AoSyncLock.LOCK_NAME + " = ? AND "
                + AoSyncLock.LEASE_UNTIL + " < ?", name, now));
        try {
            ao.executeInTransaction(() -> {
                Map<String, Object> row = new HashMap<>();
                row.put(AoSyncLock.LOCK_NAME, name);
                row.put(AoSyncLock.HOLDER, holder);
                row.put(AoSyncLock.STARTED_AT, now);
                row.put(AoSyncLock.LEASE_UNTIL, now + lease.toMillis());
                row.put(AoSyncLock.CANCEL_ASKED, false);
                return ao.create(AoSyncLock.class, row);
            });
            return Optional.of(new Lease(name, holder));
        } catch (RuntimeException e) {
            if (find(name).isPresent()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Extends the lease and records the progress.
     *
     * @param held     the lease
     * @param progress the progress line (cut to 450 characters)
     * @return whether the lock is still held, and whether the admin asked the run to stop
     */
    public Renewal renew(Lease held, String progress) {
        Objects.requireNonNull(held, "held");
        Objects.requireNonNull(progress, "progress");
        long now = clock.millis();
        return ao.executeInTransaction(() -> {
            AoSyncLock[] rows = ao.find(AoSyncLock.class, AoSyncLock.LOCK_NAME + " = ? AND " + AoSyncLock.HOLDER
                    + " = ?", held.name(), held.holder());
            if (rows.length == 0) {
                return Renewal.LOST;
            }
            rows[0].setLeaseUntil(now + lease.toMillis());
            rows[0].setProgress(progress.isEmpty() ? null : progress.substring(0, Math.min(450, progress.length())));
            rows[0].save();
            return rows[0].isCancelAsked() ? Renewal.CANCEL_ASKED : Renewal.HELD;
        });
    }

    /**
     * Gives the lock back; nothing happens if it was lost.
     *
     * @param held the lease
     */
    public void release(Lease held) {
        Objects.requireNonNull(held, "held");
        ao.executeInTransaction(() -> ao.deleteWithSQL(AoSyncLock.class, AoSyncLock.LOCK_NAME + " = ? AND "
                + AoSyncLock.HOLDER + " = ?", held.name(), held.holder()));
    }

    /**
     * Asks the holder to stop; it sees the request at its next renewal.
     *
     * @param name the lock's name
     * @return true if the lock was held (and is now asked to stop)
     */
    public boolean askCancel(String name) {
        Objects.requireNonNull(name, "name");
        return ao.executeInTransaction(() -> {
            AoSyncLock[] rows = ao.find(AoSyncLock.class, AoSyncLock.LOCK_NAME + " = ?", name);
            if (rows.length == 0) {
                return false;
            }
            rows[0].setCancelAsked(true);
            rows[0].save();
            return true;
        });
    }

    /**
     * The lock as it stands, for the admin page.
     *
     * @param name the lock's name
     * @return the held lock (even one whose lease ran out, until it is taken over); empty if free
     */
    public Optional<Held> find(String name) {
        Objects.requireNonNull(name, "name");
        return ao.executeInTransaction(() -> {
            AoSyncLock[] rows = ao.find(AoSyncLock.class, AoSyncLock.LOCK_NAME + " = ?", name);
            return rows.length == 0 ? Optional.<Held>empty() : Optional.of(new Held(
                    Instant.ofEpochMilli(rows[0].getStartedAt()), Instant.ofEpochMilli(rows[0].getLeaseUntil()),
                    Objects.requireNonNullElse(rows[0].getProgress(), ""), rows[0].isCancelAsked()));
        });
    }

    @Override
    public String toString() {
        return "AoRunLock[lease=" + lease + "]";
    }
}
