package com.atlassian.scheduler;

/**
 * Thrown when the scheduler cannot schedule a job or compute a run time.
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0 (checked), DF {@code
 * com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/SchedulerServiceException.java}, per
 * confluence-platform.md B.5.
 */
public class SchedulerServiceException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public SchedulerServiceException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message the detail message
     * @param cause   the cause
     */
    public SchedulerServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
