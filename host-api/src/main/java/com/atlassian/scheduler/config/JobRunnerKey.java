package com.atlassian.scheduler.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * The key under which a {@code JobRunner} is registered and jobs name their runner.
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0 (final, immutable, Serializable, Comparable),
 * DF {@code com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/config/JobRunnerKey.java},
 * per confluence-platform.md B.5. Equality and order are those of the string value;
 * {@link #toString()} returns it.
 */
public final class JobRunnerKey implements Serializable, Comparable<JobRunnerKey> {

    private static final long serialVersionUID = 1L;

    /** The string value; never null. */
    private final String key;

    private JobRunnerKey(String key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Creates the value.
     *
     * @param key the string value; not null
     * @return the value
     */
    public static JobRunnerKey of(String key) {
        return new JobRunnerKey(key);
    }

    @Override
    public int compareTo(JobRunnerKey o) {
        return key.compareTo(o.key);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof JobRunnerKey && key.equals(((JobRunnerKey) o).key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}
