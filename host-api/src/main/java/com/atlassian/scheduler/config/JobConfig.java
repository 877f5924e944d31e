package com.atlassian.scheduler.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to schedule: the runner key, run mode, schedule and parameters of a job.
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0 (final, immutable), DF
 * {@code com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/config/JobConfig.java}, per
 * confluence-platform.md B.5. Defaults as in the host: {@link RunMode#RUN_ONCE_PER_CLUSTER},
 * {@code Schedule.runOnce(null)}, no parameters; a null run mode or schedule passed to a {@code with...} method
 * means the default. Parameters are copied into an unmodifiable map.
 */
public final class JobConfig {

    private final JobRunnerKey jobRunnerKey;
    private final RunMode runMode;
    private final Schedule schedule;
    private final Map<String, Serializable> parameters;

    private JobConfig(JobRunnerKey jobRunnerKey, RunMode runMode, Schedule schedule,
            Map<String, Serializable> parameters) {
        this.jobRunnerKey = jobRunnerKey;
        this.runMode = runMode == null ? RunMode.RUN_ONCE_PER_CLUSTER : runMode;
        this.schedule = schedule == null ? Schedule.runOnce(null) : schedule;
        this.parameters = parameters;
    }

    /**
     * A job for a runner, with the default run mode, schedule and no parameters.
     *
     * @param jobRunnerKey the runner's key; not null
     * @return the configuration
     */
    public static JobConfig forJobRunnerKey(JobRunnerKey jobRunnerKey) {
        return new JobConfig(Objects.requireNonNull(jobRunnerKey, "jobRunnerKey"), null, null,
                Collections.emptyMap());
    }

    /**
     * A copy with another run mode.
     *
     * @param runMode the run mode; null for the default
     * @return the new configuration
     */
    public JobConfig withRunMode(RunMode runMode) {
        return new JobConfig(jobRunnerKey, runMode, schedule, parameters);
    }

    /**
     * A copy with another schedule.
     *
     * @param schedule the schedule; null for the default
     * @return the new configuration
     */
    public JobConfig withSchedule(Schedule schedule) {
        return new JobConfig(jobRunnerKey, runMode, schedule, parameters);
    }

    /**
     * A copy with other parameters.
     *
     * @param parameters the parameters; null for none
     * @return the new configuration
     */
    public JobConfig withParameters(Map<String, Serializable> parameters) {
        Map<String, Serializable> copy = parameters == null || parameters.isEmpty()
                ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        return new JobConfig(jobRunnerKey, runMode, schedule, copy);
    }

    /**
     * The runner's key.
     *
     * @return the key; never null
     */
    public JobRunnerKey getJobRunnerKey() {
        return jobRunnerKey;
    }

    /**
     * The run mode.
     *
     * @return the run mode; never null
     */
    public RunMode getRunMode() {
        return runMode;
    }

    /**
     * The schedule.
     *
     * @return the schedule; never null
     */
    public Schedule getSchedule() {
        return schedule;
    }

    /**
     * The parameters.
     *
     * @return an unmodifiable map; never null
     */
    public Map<String, Serializable> getParameters() {
        return parameters;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JobConfig)) {
            return false;
        }
        JobConfig other = (JobConfig) o;
        return jobRunnerKey.equals(other.jobRunnerKey) && runMode == other.runMode
                && schedule.equals(other.schedule) && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobRunnerKey, runMode, schedule, parameters);
    }

    @Override
    public String toString() {
        return "JobConfig[jobRunnerKey=" + jobRunnerKey + ",runMode=" + runMode + ",schedule=" + schedule
                + ",parameters=" + parameters + ']';
    }
}
