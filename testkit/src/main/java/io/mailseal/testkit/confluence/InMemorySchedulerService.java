package io.mailseal.testkit.confluence;

import com.atlassian.scheduler.JobRunner;
import com.atlassian.scheduler.JobRunnerRequest;
import com.atlassian.scheduler.JobRunnerResponse;
import com.atlassian.scheduler.SchedulerService;
import com.atlassian.scheduler.SchedulerServiceException;
import com.atlassian.scheduler.config.JobConfig;
import com.atlassian.scheduler.config.JobId;
import com.atlassian.scheduler.config.JobRunnerKey;
import com.atlassian.scheduler.config.RunMode;
import com.atlassian.scheduler.config.Schedule;
import com.atlassian.scheduler.status.JobDetails;
import java.io.Serializable;
import java.time.Clock;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Atlassian scheduler that only records runners and jobs in maps, for the plugin tests and the OSGi test: it starts
 * no threads and never fires a job by itself; a test runs one with {@link #runNow(JobId)}. The next run time of an interval schedule is its first run
 * time, or now plus the interval; cron expressions are not evaluated (next run time null).
 *
 * <p>Thread-safe: {@link ConcurrentHashMap}s; time comes from the given {@link Clock}.
 */
public final class InMemorySchedulerService implements SchedulerService {

    private final Clock clock;
    private final Map<JobRunnerKey, JobRunner> runners = new ConcurrentHashMap<>();
    private final Map<JobId, Job> jobs = new ConcurrentHashMap<>();

    /**
     * Creates the scheduler.
     *
     * @param clock gives "now"
     */
    public InMemorySchedulerService(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void registerJobRunner(JobRunnerKey jobRunnerKey, JobRunner jobRunner) {
        runners.put(Objects.requireNonNull(jobRunnerKey, "jobRunnerKey"),
                Objects.requireNonNull(jobRunner, "jobRunner"));
    }

    @Override
    public void unregisterJobRunner(JobRunnerKey jobRunnerKey) {
        runners.remove(jobRunnerKey);
    }

    @Override
    public Set<JobRunnerKey> getRegisteredJobRunnerKeys() {
        return Set.copyOf(runners.keySet());
    }

    @Override
    public Set<JobRunnerKey> getJobRunnerKeysForAllScheduledJobs() {
        return jobs.values().stream().map(job -> job.config().getJobRunnerKey())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Schedules a job, replacing any job with the same id. */
    @Override
    public void scheduleJob(JobId jobId, JobConfig jobConfig) throws SchedulerServiceException {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobConfig, "jobConfig");
        Date next = jobConfig.getSchedule().getType() == Schedule.Type.INTERVAL
                ? calculateNextRunTime(jobConfig.getSchedule()) : null;
        jobs.put(jobId, new Job(jobId, jobConfig, next));
    }

    @Override
    public JobId scheduleJobWithGeneratedId(JobConfig jobConfig) throws SchedulerServiceException {
        JobId jobId = JobId.of(UUID.randomUUID().toString());
        scheduleJob(jobId, jobConfig);
        return jobId;
    }

    @Override
    public void unscheduleJob(JobId jobId) {
        jobs.remove(jobId);
    }

    /**
     * The first run time of an interval schedule, or now plus its interval when it has none.
     *
     * @throws SchedulerServiceException for a cron schedule, which this scheduler does not evaluate
     */
    @Override
    public Date calculateNextRunTime(Schedule schedule) throws SchedulerServiceException {
        if (schedule.getType() != Schedule.Type.INTERVAL) {
            throw new SchedulerServiceException("the in-memory scheduler does not evaluate cron expressions: "
                    + schedule);
        }
        Date first = schedule.getIntervalScheduleInfo().getFirstRunTime();
        return first != null ? first
                : new Date(clock.millis() + schedule.getIntervalScheduleInfo().getIntervalInMillis());
    }

    @Override
    public JobDetails getJobDetails(JobId jobId) {
        Job job = jobs.get(jobId);
        return job == null ? null : new Details(job, runners.containsKey(job.config().getJobRunnerKey()));
    }

    @Override
    public List<JobDetails> getJobsByJobRunnerKey(JobRunnerKey jobRunnerKey) {
        return getJobsByJobRunnerKeys(List.of(jobRunnerKey));
    }

    /** The jobs of the given runners, sorted by job id. */
    @Override
    public List<JobDetails> getJobsByJobRunnerKeys(List<JobRunnerKey> jobRunnerKeys) {
        return jobs.values().stream().filter(job -> jobRunnerKeys.contains(job.config().getJobRunnerKey()))
                .sorted(Comparator.comparing(Job::id)).map(job -> getJobDetails(job.id()))
                .filter(Objects::nonNull).toList();
    }

    /**
     * Runs a scheduled job now, on the calling thread.
     *
     * @param jobId the job
     * @return the runner's response, or null if the runner returned none
     * @throws IllegalStateException if there is no such job or its runner is not registered
     */
    public JobRunnerResponse runNow(JobId jobId) {
        Job job = jobs.get(jobId);
        if (job == null) {
            throw new IllegalStateException("no job " + jobId);
        }
        JobRunner runner = runners.get(job.config().getJobRunnerKey());
        if (runner == null) {
            throw new IllegalStateException("no runner registered for " + job.config().getJobRunnerKey());
        }
        return runner.runJob(new Request(job, new Date(clock.millis())));
    }

    /** A scheduled job. */
    private record Job(JobId id, JobConfig config, Date nextRunTime) {
    }

    /** A job's details, as seen now. */
    private static final class Details implements JobDetails {

        private final Job job;
        private final boolean runnable;

        Details(Job job, boolean runnable) {
            this.job = job;
            this.runnable = runnable;
        }

        @Override
        public JobId getJobId() {
            return job.id();
        }

        @Override
        public JobRunnerKey getJobRunnerKey() {
            return job.config().getJobRunnerKey();
        }

        @Override
        public RunMode getRunMode() {
            return job.config().getRunMode();
        }

        @Override
        public Schedule getSchedule() {
            return job.config().getSchedule();
        }

        @Override
        public Date getNextRunTime() {
            return job.nextRunTime() == null ? null : new Date(job.nextRunTime().getTime());
        }

        @Override
        public Map<String, Serializable> getParameters() {
            return job.config().getParameters();
        }

        @Override
        public boolean isRunnable() {
            return runnable;
        }

        @Override
        public String toString() {
            return "JobDetails[jobId=" + job.id() + ",config=" + job.config() + ",nextRunTime=" + job.nextRunTime()
                    + ",runnable=" + runnable + ']';
        }
    }

    /** The request handed to a runner by {@link #runNow(JobId)}. */
    private static final class Request implements JobRunnerRequest {

        private final Job job;
        private final Date startTime;

        Request(Job job, Date startTime) {
            this.job = job;
            this.startTime = startTime;
        }

        @Override
        public Date getStartTime() {
            return new Date(startTime.getTime());
        }

        @Override
        public JobId getJobId() {
            return job.id();
        }

        @Override
        public JobConfig getJobConfig() {
            return job.config();
        }

        @Override
        public boolean isCancellationRequested() {
            return false;
        }
    }
}
