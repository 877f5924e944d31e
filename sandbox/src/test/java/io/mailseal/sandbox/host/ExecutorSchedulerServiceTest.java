package io.mailseal.sandbox.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.scheduler.JobRunnerResponse;
import com.atlassian.scheduler.SchedulerServiceException;
import com.atlassian.scheduler.config.JobConfig;
import com.atlassian.scheduler.config.JobId;
import com.atlassian.scheduler.config.JobRunnerKey;
import com.atlassian.scheduler.config.RunMode;
import com.atlassian.scheduler.config.Schedule;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutorSchedulerServiceTest {

    private static final JobRunnerKey KEY = JobRunnerKey.of("test.runner");

    @Test
    void runsARunOnceJobOnItsThreadAndForgetsIt() throws Exception {
        try (ExecutorSchedulerService scheduler = new ExecutorSchedulerService(Clock.systemUTC())) {
            CountDownLatch ran = new CountDownLatch(1);
            scheduler.registerJobRunner(KEY, request -> {
                ran.countDown();
                return JobRunnerResponse.success();
            });

            scheduler.scheduleJob(JobId.of("once"), JobConfig.forJobRunnerKey(KEY)
                    .withRunMode(RunMode.RUN_ONCE_PER_CLUSTER).withSchedule(Schedule.runOnce(null)));

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aJobWithoutRunnerStaysScheduledButNotRunnable() throws Exception {
        try (ExecutorSchedulerService scheduler = new ExecutorSchedulerService(Clock.systemUTC())) {
            scheduler.scheduleJob(JobId.of("later"), JobConfig.forJobRunnerKey(KEY)
                    .withSchedule(Schedule.forInterval(60_000, new Date(System.currentTimeMillis() + 3_600_000))));

            assertThat(scheduler.getJobDetails(JobId.of("later")).isRunnable()).isFalse();
            assertThat(scheduler.getJobsByJobRunnerKey(KEY)).hasSize(1);
            scheduler.unscheduleJob(JobId.of("later"));
            assertThat(scheduler.getJobDetails(JobId.of("later"))).isNull();
        }
    }

    @Test
    void cronExpressionsInQuartzSyntax() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:15:00Z"), ZoneOffset.UTC);
        try (ExecutorSchedulerService scheduler = new ExecutorSchedulerService(clock)) {
            Date next = scheduler.calculateNextRunTime(Schedule.forCronExpression("0 0 2 * * ?",
                    TimeZone.getTimeZone("UTC")));

            assertThat(next.toInstant()).isEqualTo(Instant.parse("2026-01-02T02:00:00Z"));
            assertThatThrownBy(() -> scheduler.calculateNextRunTime(Schedule.forCronExpression("not cron")))
                    .isInstanceOf(SchedulerServiceException.class);
        }
    }
}
