package com.atlassian.scheduler.config;

import java.util.Date;
import java.util.Objects;

/**
 * The details of an interval schedule: first run time and repeat interval (0 = run once).
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0 (final, immutable; package-private constructor),
 * DF {@code
 * com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/config/IntervalScheduleInfo.java};
 * needed by {@link Schedule#getIntervalScheduleInfo()}.
 */
public final class IntervalScheduleInfo {

    private final Date firstRunTime;
    private final long intervalInMillis;

    IntervalScheduleInfo(Date firstRunTime, long intervalInMillis) {
        if (intervalInMillis < 0L) {
            throw new IllegalArgumentException("intervalInMillis must not be negative: " + intervalInMillis);
        }
        this.firstRunTime = copy(firstRunTime);
        this.intervalInMillis = intervalInMillis;
    }

    private static Date copy(Date date) {
        return date == null ? null : new Date(date.getTime());
    }

    /**
     * When the job first runs.
     *
     * @return a copy of the first run time, or null for "as soon as possible"
     */
    public Date getFirstRunTime() {
        return copy(firstRunTime);
    }

    /**
     * The repeat interval.
     *
     * @return milliseconds between runs; 0 means run once
     */
    public long getIntervalInMillis() {
        return intervalInMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof IntervalScheduleInfo)) {
            return false;
        }
        IntervalScheduleInfo other = (IntervalScheduleInfo) o;
        return intervalInMillis == other.intervalInMillis && Objects.equals(firstRunTime, other.firstRunTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstRunTime, intervalInMillis);
    }

    @Override
    public String toString() {
        return "IntervalScheduleInfo[firstRunTime=" + firstRunTime + ",intervalInMillis=" + intervalInMillis + ']';
    }
}
