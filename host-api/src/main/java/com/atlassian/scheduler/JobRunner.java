package com.atlassian.scheduler;

/**
 * The code a scheduled job runs; registered per node under a {@code JobRunnerKey}.
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0 ({@code @PublicSpi}), DF
 * {@code com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/JobRunner.java}, per
 * confluence-platform.md B.5.
 */
public interface JobRunner {

    /**
     * Runs the job once.
     *
     * @param request the run's details
     * @return the outcome; null counts as success
     */
    JobRunnerResponse runJob(JobRunnerRequest request);
}
