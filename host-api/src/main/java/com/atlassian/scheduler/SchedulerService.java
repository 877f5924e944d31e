package com.atlassian.scheduler;

import com.atlassian.scheduler.config.JobConfig;
import com.atlassian.scheduler.config.JobId;
import com.atlassian.scheduler.config.JobRunnerKey;
import com.atlassian.scheduler.config.Schedule;
import com.atlassian.scheduler.status.JobDetails;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Schedules jobs (once, at an interval or by cron) and runs them through registered {@link JobRunner}s.
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0 ({@code @PublicApi}), DF
 * {@code com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/SchedulerService.java}, per
 * confluence-platform.md B.5 (whose "…" is {@link #getJobsByJobRunnerKeys(List)}).
 */
public interface SchedulerService {

    /**
     * Registers this node's runner for a key, replacing any earlier one.
     *
     * @param jobRunnerKey the key
     * @param jobRunner    the runner
     */
    void registerJobRunner(JobRunnerKey jobRunnerKey, JobRunner jobRunner);

    /**
     * Removes this node's runner for a key; scheduled jobs stay scheduled.
     *
     * @param jobRunnerKey the key
     */
    void unregisterJobRunner(JobRunnerKey jobRunnerKey);

    /**
     * The keys with a runner registered on this node.
     *
     * @return the keys
     */
    Set<JobRunnerKey> getRegisteredJobRunnerKeys();

    /**
     * The keys of every scheduled job, registered here or not.
     *
     * @return the keys
     */
    Set<JobRunnerKey> getJobRunnerKeysForAllScheduledJobs();

    /**
     * Schedules a job under an id, replacing any job with that id.
     *
     * @param jobId     the id
     * @param jobConfig the job
     * @throws SchedulerServiceException if the job cannot be scheduled
     */
    void scheduleJob(JobId jobId, JobConfig jobConfig) throws SchedulerServiceException;

    /**
     * Schedules a job under a new, generated id.
     *
     * @param jobConfig the job
     * @return the generated id
     * @throws SchedulerServiceException if the job cannot be scheduled
     */
    JobId scheduleJobWithGeneratedId(JobConfig jobConfig) throws SchedulerServiceException;

    /**
     * Removes a job; does nothing if there is none.
     *
     * @param jobId the id
     */
    void unscheduleJob(JobId jobId);

    /**
     * When a schedule would next run from now.
     *
     * @param schedule the schedule
     * @return the next run time, or null if it would never run
     * @throws SchedulerServiceException if the schedule is invalid
     */
    Date calculateNextRunTime(Schedule schedule) throws SchedulerServiceException;

    /**
     * The details of a job.
     *
     * @param jobId the id
     * @return the details, or null if there is no such job
     */
    JobDetails getJobDetails(JobId jobId);

    /**
     * The jobs of one runner key.
     *
     * @param jobRunnerKey the key
     * @return the jobs
     */
    List<JobDetails> getJobsByJobRunnerKey(JobRunnerKey jobRunnerKey);

    /**
     * The jobs of several runner keys.
     *
     * @param jobRunnerKeys the keys
     * @return the jobs
     */
    List<JobDetails> getJobsByJobRunnerKeys(List<JobRunnerKey> jobRunnerKeys);
}
