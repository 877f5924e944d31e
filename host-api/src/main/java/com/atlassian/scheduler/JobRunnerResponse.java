package com.atlassian.scheduler;

import com.atlassian.scheduler.status.RunOutcome;
import java.util.Objects;

/**
 * The outcome of one run of a job (success, aborted or failed) with an optional message.
 *
 * <p>Signature: atlassian-scheduler-api 4.1.0 (final, immutable), DF
 * {@code com.atlassian.scheduler_atlassian-scheduler-api-4.1.0/com/atlassian/scheduler/JobRunnerResponse.java}, per
 * confluence-platform.md B.5. Also declared, for the test host: {@link #getRunOutcome()} and {@link #getMessage()}.
 * As in the host: aborted and failed need a non-blank message; {@link #failed(Throwable)} summarises the cause
 * chain into at most 255 characters.
 */
public final class JobRunnerResponse {

    private static final int MAX_MESSAGE_LENGTH = 255;

    private final RunOutcome runOutcome;
    private final String message;

    private JobRunnerResponse(RunOutcome runOutcome, String message) {
        this.runOutcome = runOutcome;
        this.message = message;
    }

    /**
     * A successful run without message.
     *
     * @return the response
     */
    public static JobRunnerResponse success() {
        return success(null);
    }

    /**
     * A successful run.
     *
     * @param message the message; may be null
     * @return the response
     */
    public static JobRunnerResponse success(String message) {
        return new JobRunnerResponse(RunOutcome.SUCCESS, message);
    }

    /**
     * A run that chose not to do its work.
     *
     * @param message why; not blank
     * @return the response
     * @throws IllegalArgumentException if the message is blank
     */
    public static JobRunnerResponse aborted(String message) {
        return new JobRunnerResponse(RunOutcome.ABORTED, requireText(message, "aborted"));
    }

    /**
     * A failed run.
     *
     * @param message why; not blank
     * @return the response
     * @throws IllegalArgumentException if the message is blank
     */
    public static JobRunnerResponse failed(String message) {
        return new JobRunnerResponse(RunOutcome.FAILED, requireText(message, "failed"));
    }

    /**
     * A failed run, described by its exception.
     *
     * @param cause the failure; not null
     * @return the response
     */
    public static JobRunnerResponse failed(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null && text.length() < MAX_MESSAGE_LENGTH; t = t.getCause()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
        }
        if (text.length() > MAX_MESSAGE_LENGTH) {
            text.setLength(MAX_MESSAGE_LENGTH);
        }
        return new JobRunnerResponse(RunOutcome.FAILED, text.toString());
    }

    private static String requireText(String message, String outcome) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("A message is required when a job run is reported as " + outcome);
        }
        return message;
    }

    /**
     * The outcome.
     *
     * @return the outcome; never null
     */
    public RunOutcome getRunOutcome() {
        return runOutcome;
    }

    /**
     * The message.
     *
     * @return the message, or null
     */
    public String getMessage() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JobRunnerResponse)) {
            return false;
        }
        JobRunnerResponse other = (JobRunnerResponse) o;
        return runOutcome == other.runOutcome && Objects.equals(message, other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runOutcome, message);
    }

    @Override
    public String toString() {
        return "JobRunnerResponse[runOutcome=" + runOutcome + ",message='" + message + "']";
    }
}
