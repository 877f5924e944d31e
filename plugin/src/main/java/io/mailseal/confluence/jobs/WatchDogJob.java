package io.mailseal.confluence.jobs;

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
import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaException;
import io.mailseal.confluence.ca.ManagedCa;
import io.mailseal.confluence.storage.AoRunLock;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Checked;
import io.mailseal.settings.SecretCodec;
import io.mailseal.store.SyncRun;
import io.mailseal.use.sftp.ImportShare;
import io.mailseal.use.sftp.SftpSettings;
import io.mailseal.use.sync.ActionResult;
import io.mailseal.use.sync.KeyFileImporter;
import io.mailseal.use.sync.LineOutcome;
import io.mailseal.use.sync.Pushback;
import io.mailseal.use.sync.SmimeReport;
import io.mailseal.use.sync.SmimeSyncSettings;
import io.mailseal.use.sync.SyncCancellation;
import io.mailseal.use.sync.SyncExecutor;
import io.mailseal.use.sync.SyncStores;
import io.mailseal.use.sync.WatchDog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The USE WatchDog as an atlassian-scheduler job: once a day ({@link #INTERVAL}) one cycle of the engine's
 * {@link WatchDog} over the "S/MIME users" list, renewing the certificates that expire within the renewal buffer.
 * The runner is registered on every node when the plugin starts and unregistered when it stops; the job is scheduled
 * once for the cluster under the fixed {@link #JOB} id with {@link RunMode#RUN_ONCE_PER_CLUSTER}, and only while the
 * WatchDog is enabled in the USE settings and a certificate authority is set up (otherwise it is unscheduled).
 *
 * <p>A cycle takes the same cluster-wide {@link AoRunLock} as the sync ({@link UseSyncJob#LOCK}), so it never
 * overlaps a sync run on any node; it mails its S/MIME transactional report through {@link SyncReportMailer}, pushes
 * the report's files (text, certificates' zip or instructions CSV; never a private key) to the share's return
 * directory when an SFTP share and a return directory are set in the USE settings (the same {@link Pushback} as the
 * sync's), and records the cycle in the run history (a report that did not go out, by mail or to the share, is in the
 * history with the reason, and the run counts as partly failed). Without a share the WatchDog runs stand-alone.
 *
 * <p>Thread-safe: no mutable state of its own; one cycle at a time per cluster through the lock.
 */
public final class WatchDogJob implements JobRunner {

    /** The runner's key, registered on every node. */
    public static final JobRunnerKey RUNNER = JobRunnerKey.of("io.mailseal.use.watchdog");
    /** The one scheduled job's id. */
    public static final JobId JOB = JobId.of("io.mailseal.use.watchdog.scheduled");
    /** How often the WatchDog runs. */
    public static final Duration INTERVAL = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(WatchDogJob.class);

    private final SchedulerService scheduler;
    private final io.mailseal.confluence.storage.BandanaUseSettingsStore settings;
    private final SyncStores stores;
    private final ManagedCa ca;
    private final AoRunLock lock;
    private final CryptoRuntime crypto;
    private final SecretCodec codec;
    private final SyncReportMailer mailer;
    private final Clock clock;
    private final Function<SftpSettings, ImportShare> shares;

    /**
     * Creates the job.
     *
     * @param scheduler Confluence's scheduler
     * @param machinery the USE settings (the WatchDog part, report recipients and sender, the share), the sync's
     *                  stores (the S/MIME users list, managed keys, run history), the CA it issues through, the run
     *                  lock shared with the sync, crypto, codec, mailer, clock (what expires within the buffer, the
     *                  first run, the returns' age) and the share opener (for the pushback)
     */
    public WatchDogJob(SchedulerService scheduler, UseMachinery machinery) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(machinery, "machinery");
        this.settings = machinery.settings();
        this.stores = machinery.stores();
        this.ca = machinery.ca();
        this.lock = machinery.lock();
        this.crypto = machinery.crypto();
        this.codec = machinery.codec();
        this.mailer = machinery.mailer();
        this.clock = machinery.clock();
        this.shares = machinery.shares();
    }

    /** Registers the runner on this node and schedules the job as the stored settings say; called on plugin start. */
    public void start() {
        scheduler.registerJobRunner(RUNNER, this);
        Checked<UseSettings> stored = settings.load();
        if (stored instanceof Checked.Valid<UseSettings> valid) {
            reschedule(valid.orElseThrow());
        } else {
            LOG.warn("Mailseal's WatchDog is not scheduled: the USE settings cannot be read: {}", stored.problems());
        }
    }

    /** Unregisters the runner on this node; called on plugin stop. The schedule stays for the other nodes. */
    public void stop() {
        scheduler.unregisterJobRunner(RUNNER);
    }

    /**
     * Schedules the job daily (first run one day from now) while the WatchDog is enabled and a CA is set up, else
     * unschedules it. Call it after the USE settings or the CA changed.
     *
     * @param use the settings
     * @return empty if done, else why the scheduler refused
     */
    public Optional<String> reschedule(UseSettings use) {
        Objects.requireNonNull(use, "use");
        if (!use.watchdog().enabled() || !ca.isSetUp()) {
            scheduler.unscheduleJob(JOB);
            return Optional.empty();
        }
        long interval = INTERVAL.toMillis();
        try {
            scheduler.scheduleJob(JOB, JobConfig.forJobRunnerKey(RUNNER).withRunMode(RunMode.RUN_ONCE_PER_CLUSTER)
                    .withSchedule(Schedule.forInterval(interval, Date.from(clock.instant().plusMillis(interval)))));
            return Optional.empty();
        } catch (SchedulerServiceException e) {
            LOG.warn("Mailseal's WatchDog could not be scheduled: {}", e.getMessage());
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /**
     * Whether a certificate authority is set up, which the WatchDog needs.
     *
     * @return true if one is
     */
    public boolean caSetUp() {
        return ca.isSetUp();
    }

    /**
     * The CA profile's limit of live certificates (the USE settings' limit applies only below it).
     *
     * @return the limit
     */
    public int caMaxLive() {
        return ca.profile().maxLive();
    }

    @Override
    public JobRunnerResponse runJob(JobRunnerRequest request) {
        UseSyncJob.Outcome outcome = runOnce(request::isCancellationRequested);
        if (outcome instanceof UseSyncJob.Outcome.Skipped skipped) {
            return JobRunnerResponse.aborted(skipped.reason());
        }
        SyncRun run = ((UseSyncJob.Outcome.Ran) outcome).run();
        return run.outcome() == SyncRun.Outcome.FAILED ? JobRunnerResponse.failed(run.summary())
                : JobRunnerResponse.success(run.summary());
    }

    /**
     * One cycle, on the calling thread: takes the run lock, runs the WatchDog, mails its report, records the run.
     *
     * @param cancelRequested the scheduler's own cancel request
     * @return the run, or why it did not run (off, no CA, no sender, a sync or cycle under way)
     */
    public UseSyncJob.Outcome runOnce(BooleanSupplier cancelRequested) {
        Checked<UseSettings> stored = settings.load();
        if (stored instanceof Checked.Invalid<UseSettings> invalid) {
            return new UseSyncJob.Outcome.Skipped("the USE settings cannot be read: " + invalid.problems());
        }
        UseSettings use = stored.orElseThrow();
        if (!use.watchdog().enabled()) {
            return new UseSyncJob.Outcome.Skipped("the WatchDog is off");
        }
        Optional<BuiltInCertificateAuthority> authority;
        try {
            authority = ca.authority();
        } catch (CaException | IllegalStateException e) {
            LOG.warn("Mailseal's WatchDog cannot open its certificate authority: {}", e.getMessage());
            return new UseSyncJob.Outcome.Skipped("the certificate authority cannot be opened");
        }
        if (authority.isEmpty()) {
            return new UseSyncJob.Outcome.Skipped("no certificate authority is set up");
        }
        Optional<EmailAddress> from = mailer.sender(use.reportFrom());
        if (from.isEmpty()) {
            return new UseSyncJob.Outcome.Skipped("no report sender: set one, or a default sender on Confluence's"
                    + " SMTP server");
        }
        Optional<AoRunLock.Lease> lease = lock.tryAcquire(UseSyncJob.LOCK);
        if (lease.isEmpty()) {
            return new UseSyncJob.Outcome.Skipped("a sync or WatchDog run is under way");
        }
        Instant started = clock.instant();
        try {
            return new UseSyncJob.Outcome.Ran(cycle(use, authority.get(), from.get(), lease.get(), started,
                    cancelRequested));
        } catch (RuntimeException e) {
            LOG.error("Mailseal's WatchDog cycle failed", e);
            SyncRun failed = SyncRun.of("watchdog-failed-" + started.toEpochMilli(), started, clock.instant(),
                    SyncRun.Outcome.FAILED, List.of(), "WatchDog: the cycle failed: " + e.getClass().getSimpleName(),
                    "The WatchDog cycle failed before it could finish: " + e.getClass().getName() + ": "
                            + e.getMessage() + "\n");
            stores.state().appendRun(failed);
            return new UseSyncJob.Outcome.Ran(failed);
        } finally {
            lock.release(lease.get());
        }
    }

    private SyncRun cycle(UseSettings use, BuiltInCertificateAuthority authority, EmailAddress from,
                          AoRunLock.Lease lease, Instant started, BooleanSupplier cancelRequested) {
        SmimeSyncSettings smime = use.smimeSettings(ca.profile());
        SyncExecutor executor = new SyncExecutor(stores, new PgpKeyGenerator(crypto, clock),
                new KeyFileImporter(crypto, codec, clock), codec, 1, authority);
        WatchDog dog = new WatchDog(stores.smimeUsers(), executor, smime, use.watchdog().mode(), List.of(), clock);
        SyncCancellation cancellation = new SyncCancellation();
        lock.renew(lease, "WatchDog started");
        WatchDog.Result result = dog.run((file, done, total) -> {
            if (cancelRequested.getAsBoolean()) {
                cancellation.cancel();
            }
            if (lock.renew(lease, "WatchDog: " + done + " of " + total) != AoRunLock.Renewal.HELD) {
                cancellation.cancel();
            }
        }, cancellation);
        SyncRun run = record(result, started);
        if (result.report().isPresent()) {
            run = pushBack(run, use, from, result);
            run = UseSyncJob.recordMail(run, "S/MIME report mail", mailer.send(result.report().get(), from));
        }
        stores.state().appendRun(run);
        return run;
    }

    /**
     * Pushes the S/MIME report's files to the return directory when a share and a return directory are set; the run
     * with the outcome in its report (a failure also in its summary, and a succeeded run becomes partly failed).
     */
    private SyncRun pushBack(SyncRun run, UseSettings use, EmailAddress from, WatchDog.Result result) {
        Optional<String> returns = use.directories().returns();
        if (!use.configured() || returns.isEmpty()) {
            return run;
        }
        List<io.mailseal.use.sync.SyncReport.Attachment> files = result.report().orElseThrow().files(result.runId());
        Pushback.Result pushed = Pushback.push(shares.apply(use.sftp().toEngine()), returns.get(),
                use.toSync(from, List.of()).returnRetention(), clock, files);
        if (pushed instanceof Pushback.Result.Failed failed) {
            LOG.warn("Mailseal's WatchDog run {} could not push its report back: {}", run.id(), failed.reason());
            return SyncRun.of(run.id(), run.started(), run.finished(),
                    run.outcome() == SyncRun.Outcome.SUCCEEDED ? SyncRun.Outcome.PARTLY_FAILED : run.outcome(),
                    run.files(), run.summary() + "; pushback failed",
                    run.report() + "\n== pushback ==\n" + failed.reason() + "\n");
        }
        return SyncRun.of(run.id(), run.started(), run.finished(), run.outcome(), run.files(), run.summary(),
                run.report() + "\n== pushback ==\npushed to " + returns.get() + ": "
                        + String.join(", ", ((Pushback.Result.Pushed) pushed).uploaded()) + "\n");
    }

    private SyncRun record(WatchDog.Result result, Instant started) {
        List<ActionResult> failures = result.execution().failures();
        boolean cancelled = failures.stream().anyMatch(failure -> failure.status() == ActionResult.Status.CANCELLED);
        SyncRun.Outcome outcome = cancelled ? SyncRun.Outcome.CANCELLED : !failures.isEmpty()
                ? SyncRun.Outcome.PARTLY_FAILED : result.report().isEmpty() ? SyncRun.Outcome.NOTHING_TO_DO
                : SyncRun.Outcome.SUCCEEDED;
        StringBuilder text = new StringBuilder("Mailseal WatchDog cycle ").append(result.runId()).append('\n');
        for (LineOutcome line : result.execution().outcomes()) {
            text.append(line.render()).append('\n');
        }
        result.report().map(SmimeReport::text).ifPresent(report -> text.append('\n').append(report));
        String summary = "WatchDog: " + result.execution().outcomes().size() + " S/MIME users, "
                + result.report().map(SmimeReport::summary).orElse("nothing to renew")
                + (failures.isEmpty() ? "" : ", " + failures.size() + " failed");
        return SyncRun.of(result.runId(), started, clock.instant(), outcome, List.of(), summary, text.toString());
    }

    @Override
    public String toString() {
        return "WatchDogJob[" + JOB + "]";
    }
}
