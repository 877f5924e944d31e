package com.atlassian.scheduler.config;

import java.util.Objects;
import java.util.TimeZone;

/**
 * The details of a cron schedule: expression and optional time zone.
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0 (final, immutable; package-private constructor),
 * DF {@code
 * com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/config/CronScheduleInfo.java}; needed
 * by {@link Schedule#getCronScheduleInfo()}.
 */
public final class CronScheduleInfo {

    private final String cronExpression;
    private final TimeZone timeZone;

    CronScheduleInfo(String cronExpression, TimeZone timeZone) {
        this.cronExpression = Objects.requireNonNull(cronExpression, "cronExpression");
        this.timeZone = timeZone == null ? null : (TimeZone) timeZone.clone();
    }

    /**
     * The cron expression.
     *
     * @return the expression; never null
     */
    public String getCronExpression() {
        return cronExpression;
    }

    /**
     * The time zone the expression is read in.
     *
     * @return the time zone, or null for the host's default
     */
    public TimeZone getTimeZone() {
        return timeZone == null ? null : (TimeZone) timeZone.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CronScheduleInfo)) {
            return false;
        }
        CronScheduleInfo other = (CronScheduleInfo) o;
        return cronExpression.equals(other.cronExpression) && Objects.equals(timeZone, other.timeZone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cronExpression, timeZone);
    }

    @Override
    public String toString() {
        return "CronScheduleInfo[cronExpression='" + cronExpression + "',timeZone="
                + (timeZone == null ? null : timeZone.getID()) + ']';
    }
}
