package com.atlassian.scheduler.config;

/**
 * Where a job runs: on one node of the cluster, or on every node that has the runner.
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0, DF
 * {@code com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/config/RunMode.java}, per
 * confluence-platform.md B.5.
 */
public enum RunMode {
    /** Persisted; each run happens on exactly one node of the cluster. */
    RUN_ONCE_PER_CLUSTER,
    /** Kept in memory; runs on the node that scheduled it. */
    RUN_LOCALLY
}
