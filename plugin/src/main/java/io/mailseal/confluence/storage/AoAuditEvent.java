package io.mailseal.confluence.storage;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * One audit log entry: table {@code AO_EDB82B_AUDIT_EVENT}. Read and written only by {@link AoAuditLog}, inside a
 * transaction, and copied into engine records before anything leaves the store. Subject and detail may be null
 * (Oracle stores an empty string as null); the store reads null as empty.
 *
 * <p>Not thread-safe (an Active Objects proxy); never shared.
 */
@Table("AUDIT_EVENT")
@Preload
public interface AoAuditEvent extends Entity {

    /** Column of {@link #getOccurredAt()}. */
    String OCCURRED_AT = "OCCURRED_AT";
    /** Column of {@link #getActor()}. */
    String ACTOR = "ACTOR";
    /** Column of {@link #getAction()}. */
    String ACTION = "ACTION";
    /** Column of {@link #getSubject()}. */
    String SUBJECT = "SUBJECT";
    /** Column of {@link #getDetail()}. */
    String DETAIL = "DETAIL";

    /**
     * When it happened, in milliseconds since the epoch.
     *
     * @return the time
     */
    @NotNull
    @Indexed
    long getOccurredAt();

    /**
     * Sets the time.
     *
     * @param occurredAt milliseconds since the epoch
     */
    void setOccurredAt(long occurredAt);

    /**
     * Who did it.
     *
     * @return a user key or {@code system}
     */
    @NotNull
    @StringLength(255)
    String getActor();

    /**
     * Sets who did it.
     *
     * @param actor a user key or {@code system}
     */
    void setActor(String actor);

    /**
     * What was done: a stable code.
     *
     * @return the action code
     */
    @NotNull
    @StringLength(100)
    String getAction();

    /**
     * Sets the action code.
     *
     * @param action the code
     */
    void setAction(String action);

    /**
     * What it was done to.
     *
     * @return the subject, or null for none
     */
    @StringLength(450)
    String getSubject();

    /**
     * Sets the subject.
     *
     * @param subject the subject
     */
    void setSubject(String subject);

    /**
     * More words.
     *
     * @return the detail, or null for none
     */
    @StringLength(StringLength.UNLIMITED)
    String getDetail();

    /**
     * Sets the detail.
     *
     * @param detail the detail
     */
    void setDetail(String detail);
}
