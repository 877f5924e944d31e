package com.atlassian.scheduler.status;

import com.atlassian.scheduler.config.JobId;
import com.atlassian.scheduler.config.JobRunnerKey;
import com.atlassian.scheduler.config.RunMode;
import com.atlassian.scheduler.config.Schedule;
import java.io.Serializable;
import java.util.Date;
import java.util.Map;

/**
 * What the scheduler knows about one scheduled job.
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0, DF
 * {@code com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/status/JobDetails.java} (package
 * {@code com.atlassian.scheduler.status}); members checked there (confluence-platform.md B.5 names the type only).
 */
public interface JobDetails {

    /**
     * The job's id.
     *
     * @return the id
     */
    JobId getJobId();

    /**
     * The key of the runner that runs the job.
     *
     * @return the key
     */
    JobRunnerKey getJobRunnerKey();

    /**
     * Where the job runs.
     *
     * @return the run mode
     */
    RunMode getRunMode();

    /**
     * When the job runs.
     *
     * @return the schedule
     */
    Schedule getSchedule();

    /**
     * The next run time.
     *
     * @return the next run time, or null if none is expected
     */
    Date getNextRunTime();

    /**
     * The job's parameters.
     *
     * @return the parameters
     */
    Map<String, Serializable> getParameters();

    /**
     * Whether this node can run the job (a runner is registered and the parameters can be read).
     *
     * @return true if runnable here
     */
    boolean isRunnable();
}
