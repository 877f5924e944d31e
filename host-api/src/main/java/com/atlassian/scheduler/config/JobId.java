package com.atlassian.scheduler.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * The identifier of one scheduled job.
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0 (final, immutable, Serializable, Comparable),
 * DF {@code com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/config/JobId.java}, per
 * confluence-platform.md B.5. Equality and order are those of the string value;
 * {@link #toString()} returns it.
 */
public final class JobId implements Serializable, Comparable<JobId> {

    private static final long serialVersionUID = 1L;

    /** The string value; never null. */
    private final String id;

    private JobId(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Creates the value.
     *
     * @param id the string value; not null
     * @return the value
     */
    public static JobId of(String id) {
        return new JobId(id);
    }

    @Override
    public int compareTo(JobId o) {
        return id.compareTo(o.id);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof JobId && id.equals(((JobId) o).id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
