package io.mailseal.confluence.storage;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;
import net.java.ao.schema.Unique;

/**
 * The cluster-wide lock of the USE sync: table {@code AO_EDB82B_SYNC_LOCK}, one row per held lock (the unique name
 * makes a second insert fail), with a lease, the run's live progress and whether the admin asked it to stop. Read and
 * written only by {@link AoRunLock}.
 *
 * <p>Not thread-safe (an Active Objects proxy); never shared.
 */
@Table("SYNC_LOCK")
@Preload
public interface AoSyncLock extends Entity {

    /** Column of {@link #getLockName()}. */
    String LOCK_NAME = "LOCK_NAME";
    /** Column of {@link #getHolder()}. */
    String HOLDER = "HOLDER";
    /** Column of {@link #getStartedAt()}. */
    String STARTED_AT = "STARTED_AT";
    /** Column of {@link #getLeaseUntil()}. */
    String LEASE_UNTIL = "LEASE_UNTIL";
    /** Column of {@link #getProgress()}. */
    String PROGRESS = "PROGRESS";
    /** Column of {@link #isCancelAsked()}. */
    String CANCEL_ASKED = "CANCEL_ASKED";

    /** @return the lock's name */
    @NotNull
    @Unique
    @StringLength(64)
    String getLockName();

    /** @param lockName the lock's name */
    void setLockName(String lockName);

    /** @return who holds it: a random token of the holding run */
    @NotNull
    @StringLength(64)
    String getHolder();

    /** @param holder the holder's token */
    void setHolder(String holder);

    /** @return when it was taken, milliseconds since the epoch */
    @NotNull
    long getStartedAt();

    /** @param startedAt milliseconds since the epoch */
    void setStartedAt(long startedAt);

    /** @return until when the lease holds unless renewed, milliseconds since the epoch */
    @NotNull
    long getLeaseUntil();

    /** @param leaseUntil milliseconds since the epoch */
    void setLeaseUntil(long leaseUntil);

    /** @return the holder's progress in one line; null before the first */
    @StringLength(450)
    String getProgress();

    /** @param progress the progress line, or null */
    void setProgress(String progress);

    /** @return whether the admin asked the run to stop */
    @NotNull
    boolean isCancelAsked();

    /** @param cancelAsked whether the run should stop */
    void setCancelAsked(boolean cancelAsked);
}
