package com.atlassian.scheduler.status;

/**
 * How a job run ended.
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0, DF {@code
 * com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/status/RunOutcome.java}; needed by
 * {@code JobRunnerResponse#getRunOutcome()} (confluence-platform.md B.5 names the response factories only).
 */
public enum RunOutcome {
    /** The run succeeded. */
    SUCCESS,
    /** The job could not run (e.g. no runner registered). */
    UNAVAILABLE,
    /** The runner chose not to do its work. */
    ABORTED,
    /** The run failed. */
    FAILED
}
