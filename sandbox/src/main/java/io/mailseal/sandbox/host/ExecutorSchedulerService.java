package io.mailseal.sandbox.host;

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
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Atlassian's scheduler on one node: jobs run on a single scheduler thread at their schedule's times, interval
 * schedules (a first run, then every interval; interval 0 runs once) and cron schedules in Quartz's syntax, as
 * atlassian-scheduler takes them. {@code RUN_ONCE_PER_CLUSTER} and {@code RUN_LOCALLY} are the same on one node. A job
 * whose runner is not registered is skipped at its time and stays scheduled ("not runnable"), as in Confluence. The
 * runner runs with its own class loader as the thread's context class loader; what it throws is logged. Jobs are not
 * persisted: a plugin schedules its jobs when it starts.
 *
 * <p>Thread-safe: concurrent maps, and one scheduler thread. {@link #close()} stops it.
 */
public final class ExecutorSchedulerService implements SchedulerService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorSchedulerService.class);

    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Map<JobRunnerKey, JobRunner> runners = new ConcurrentHashMap<>();
    private final Map<JobId, Job> jobs = new ConcurrentHashMap<>();

    /**
     * Creates the scheduler with its thread.
     *
     * @param clock gives "now"
     */
    public ExecutorSchedulerService(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "sandbox-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
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
        return jobs.values().stream().map(job -> job.config.getJobRunnerKey()).collect(Collectors.toUnmodifiableSet());
    }

    /** Schedules a job, replacing any job with the same id. */
    @Override
    public void scheduleJob(JobId jobId, JobConfig jobConfig) throws SchedulerServiceException {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobConfig, "jobConfig");
        Date first = calculateNextRunTime(jobConfig.getSchedule());
        Job job = new Job(jobId, jobConfig);
        Job before = jobs.put(jobId, job);
        if (before != null) {
            before.cancel();
        }
        job.scheduleAt(first);
    }

    @Override
    public JobId scheduleJobWithGeneratedId(JobConfig jobConfig) throws SchedulerServiceException {
        JobId id = JobId.of(UUID.randomUUID().toString());
        scheduleJob(id, jobConfig);
        return id;
    }

    @Override
    public void unscheduleJob(JobId jobId) {
        Job job = jobId == null ? null : jobs.remove(jobId);
        if (job != null) {
            job.cancel();
        }
    }

    /** The first run of an interval schedule (now if none is given), the next time a cron expression matches. */
    @Override
    public Date calculateNextRunTime(Schedule schedule) throws SchedulerServiceException {
        Objects.requireNonNull(schedule, "schedule");
        Date now = Date.from(clock.instant());
        if (schedule.getType() == Schedule.Type.INTERVAL) {
            Date first = schedule.getIntervalScheduleInfo().getFirstRunTime();
            return first == null || first.before(now) ? now : new Date(first.getTime());
        }
        return cron(schedule).getNextValidTimeAfter(now);
    }

    @Override
    public JobDetails getJobDetails(JobId jobId) {
        Job job = jobId == null ? null : jobs.get(jobId);
        return job == null ? null : job.details();
    }

    @Override
    public List<JobDetails> getJobsByJobRunnerKey(JobRunnerKey jobRunnerKey) {
        return getJobsByJobRunnerKeys(List.of(jobRunnerKey));
    }

    @Override
    public List<JobDetails> getJobsByJobRunnerKeys(List<JobRunnerKey> jobRunnerKeys) {
        return jobs.values().stream().filter(job -> jobRunnerKeys.contains(job.config.getJobRunnerKey()))
                .sorted((a, b) -> a.id.compareTo(b.id)).map(Job::details).toList();
    }

    /** Stops the scheduler thread; a running job is interrupted. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CronExpression cron(Schedule schedule) throws SchedulerServiceException {
        try {
            CronExpression expression = new CronExpression(schedule.getCronScheduleInfo().getCronExpression());
            TimeZone zone = schedule.getCronScheduleInfo().getTimeZone();
            if (zone != null) {
                expression.setTimeZone(zone);
            }
            return expression;
        } catch (ParseException e) {
            throw new SchedulerServiceException("invalid cron expression: " + e.getMessage(), e);
        }
    }

    /** One scheduled job: its config, its next run, and the pending task. */
    private final class Job {

        private final JobId id;
        private final JobConfig config;
        private volatile Date nextRun;
        private volatile ScheduledFuture<?> pending;
        private volatile boolean cancelled;

        Job(JobId id, JobConfig config) {
            this.id = id;
            this.config = config;
        }

        synchronized void scheduleAt(Date when) {
            nextRun = when;
            if (cancelled || when == null || executor.isShutdown()) {
                return;
            }
            long delay = Math.max(0, when.getTime() - clock.millis());
            pending = executor.schedule(this::run, delay, TimeUnit.MILLISECONDS);
        }

        synchronized void cancel() {
            cancelled = true;
            if (pending != null) {
                pending.cancel(false);
            }
        }

        private void run() {
            Date start = Date.from(clock.instant());
            JobRunner runner = runners.get(config.getJobRunnerKey());
            if (runner == null) {
                LOG.info("job {} skipped: no runner registered for {}", id, config.getJobRunnerKey());
            } else {
                Thread thread = Thread.currentThread();
                ClassLoader before = thread.getContextClassLoader();
                thread.setContextClassLoader(runner.getClass().getClassLoader());
                try {
                    JobRunnerResponse response = runner.runJob(new Request(this, start));
                    LOG.info("job {} ran: {}", id, response);
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("job {} failed", id, e);
                } finally {
                    thread.setContextClassLoader(before);
                }
            }
            scheduleAt(next(start));
        }

        private Date next(Date lastStart) {
            Schedule schedule = config.getSchedule();
            if (schedule.getType() == Schedule.Type.INTERVAL) {
                long interval = schedule.getIntervalScheduleInfo().getIntervalInMillis();
                if (interval <= 0) {
                    jobs.remove(id, this);
                    return null;
                }
                return new Date(Math.max(lastStart.getTime() + interval, clock.millis()));
            }
            try {
                return cron(schedule).getNextValidTimeAfter(Date.from(clock.instant()));
            } catch (SchedulerServiceException e) {
                return null;
            }
        }

        JobDetails details() {
            return new Details(id, config, nextRun, runners.containsKey(config.getJobRunnerKey()));
        }
    }

    /** A snapshot of a job. */
    private record Details(JobId id, JobConfig config, Date next, boolean runnable) implements JobDetails {

        @Override
        public JobId getJobId() {
            return id;
        }

        @Override
        public JobRunnerKey getJobRunnerKey() {
            return config.getJobRunnerKey();
        }

        @Override
        public RunMode getRunMode() {
            return config.getRunMode();
        }

        @Override
        public Schedule getSchedule() {
            return config.getSchedule();
        }

        @Override
        public Date getNextRunTime() {
            return next == null ? null : new Date(next.getTime());
        }

        @Override
        public Map<String, Serializable> getParameters() {
            return config.getParameters();
        }

        @Override
        public boolean isRunnable() {
            return runnable;
        }
    }

    /** The request handed to a runner. */
    private record Request(Job job, Date startTime) implements JobRunnerRequest {

        @Override
        public Date getStartTime() {
            return new Date(startTime.getTime());
        }

        @Override
        public JobId getJobId() {
            return job.id;
        }

        @Override
        public JobConfig getJobConfig() {
            return job.config;
        }

        @Override
        public boolean isCancellationRequested() {
            return job.cancelled || Thread.currentThread().isInterrupted();
        }
    }
}
