package com.atlassian.scheduler.config;

import java.util.Date;
import java.util.Objects;
import java.util.TimeZone;

/**
 * When a job runs: once, at a fixed interval, or by a cron expression.
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0 (final, immutable), DF
 * {@code com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/config/Schedule.java}, per
 * confluence-platform.md B.5; the getters and nested {@link Type} checked there. Exactly one of
 * {@link #getIntervalScheduleInfo()} and {@link #getCronScheduleInfo()} is non-null.
 */
public final class Schedule {

    /** The kind of schedule. */
    public enum Type {
        /** A cron expression; see {@link Schedule#getCronScheduleInfo()}. */
        CRON_EXPRESSION,
        /** A first run time and an interval; see {@link Schedule#getIntervalScheduleInfo()}. */
        INTERVAL
    }

    private final Type type;
    private final IntervalScheduleInfo intervalScheduleInfo;
    private final CronScheduleInfo cronScheduleInfo;

    private Schedule(Type type, IntervalScheduleInfo intervalScheduleInfo, CronScheduleInfo cronScheduleInfo) {
        this.type = type;
        this.intervalScheduleInfo = intervalScheduleInfo;
        this.cronScheduleInfo = cronScheduleInfo;
    }

    /**
     * A cron schedule in the host's default time zone.
     *
     * @param cronExpression the cron expression; not null
     * @return the schedule
     */
    public static Schedule forCronExpression(String cronExpression) {
        return forCronExpression(cronExpression, null);
    }

    /**
     * A cron schedule.
     *
     * @param cronExpression the cron expression; not null
     * @param timeZone       the time zone; null for the host's default
     * @return the schedule
     */
    public static Schedule forCronExpression(String cronExpression, TimeZone timeZone) {
        return new Schedule(Type.CRON_EXPRESSION, null, new CronScheduleInfo(cronExpression, timeZone));
    }

    /**
     * A schedule that runs once.
     *
     * @param runTime when; null for "as soon as possible"
     * @return an interval schedule with interval 0
     */
    public static Schedule runOnce(Date runTime) {
        return forInterval(0L, runTime);
    }

    /**
     * A schedule that repeats at a fixed interval.
     *
     * @param intervalInMillis milliseconds between runs; 0 runs once; not negative
     * @param firstRunTime     the first run; null for "as soon as possible"
     * @return the schedule
     * @throws IllegalArgumentException if the interval is negative
     */
    public static Schedule forInterval(long intervalInMillis, Date firstRunTime) {
        return new Schedule(Type.INTERVAL, new IntervalScheduleInfo(firstRunTime, intervalInMillis), null);
    }

    /**
     * The kind of schedule.
     *
     * @return the type; never null
     */
    public Type getType() {
        return type;
    }

    /**
     * The interval details.
     *
     * @return the details for {@link Type#INTERVAL}, otherwise null
     */
    public IntervalScheduleInfo getIntervalScheduleInfo() {
        return intervalScheduleInfo;
    }

    /**
     * The cron details.
     *
     * @return the details for {@link Type#CRON_EXPRESSION}, otherwise null
     */
    public CronScheduleInfo getCronScheduleInfo() {
        return cronScheduleInfo;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Schedule)) {
            return false;
        }
        Schedule other = (Schedule) o;
        return type == other.type && Objects.equals(intervalScheduleInfo, other.intervalScheduleInfo)
                && Objects.equals(cronScheduleInfo, other.cronScheduleInfo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, intervalScheduleInfo, cronScheduleInfo);
    }

    @Override
    public String toString() {
        return "Schedule[type=" + type + ','
                + (type == Type.INTERVAL ? "intervalScheduleInfo=" + intervalScheduleInfo
                        : "cronScheduleInfo=" + cronScheduleInfo) + ']';
    }
}
