package com.atlassian.scheduler;

import com.atlassian.scheduler.config.JobConfig;
import com.atlassian.scheduler.config.JobId;
import java.util.Date;

/**
 * The details of one run of a job, given to {@link JobRunner#runJob(JobRunnerRequest)}.
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0, DF
 * {@code com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/JobRunnerRequest.java}, per
 * confluence-platform.md B.5.
 */
public interface JobRunnerRequest {

    /**
     * When this run started.
     *
     * @return the start time
     */
    Date getStartTime();

    /**
     * The job's id.
     *
     * @return the id
     */
    JobId getJobId();

    /**
     * The job's configuration.
     *
     * @return the configuration
     */
    JobConfig getJobConfig();

    /**
     * Whether the scheduler asks the run to stop early.
     *
     * @return true if cancellation was requested
     */
    boolean isCancellationRequested();
}
