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
import io.mailseal.confluence.storage.BandanaUseSettingsStore;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Checked;
import io.mailseal.settings.SecretCodec;
import io.mailseal.store.SyncRun;
import io.mailseal.store.SyncStateStore;
import io.mailseal.use.sftp.ImportShare;
import io.mailseal.use.sftp.SftpSettings;
import io.mailseal.use.sync.KeyFileImporter;
import io.mailseal.use.sync.SyncCancellation;
import io.mailseal.use.sync.SmimeSyncSettings;
import io.mailseal.use.sync.SyncExecutor;
import io.mailseal.use.sync.SyncProgress;
import io.mailseal.use.sync.SyncStores;
import io.mailseal.use.sync.UseSync;
import io.mailseal.use.sync.UseSyncSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The USE sync as an atlassian-scheduler job. The runner is registered on every node when the plugin starts and
 * unregistered when it stops (runners are node-local); the job itself is scheduled once for the cluster under the
 * fixed {@link #JOB} id with {@link RunMode#RUN_ONCE_PER_CLUSTER} at the admin's interval, and unscheduled while the
 * schedule is off. "Run now" runs the same thing on this node's one background thread.
 *
 * <p>Every run first takes the cluster-wide {@link AoRunLock} ({@link #LOCK}), so runs never overlap on any node; it
 * renews the lease as actions finish, writing the progress every node's admin page shows, and stops when the admin
 * cancels (from any node), the scheduler asks it to, or the lease was lost. The report, and the S/MIME transactional
 * report when certificates were created, revoked or deferred, go out through Confluence's default SMTP server
 * ({@link SyncReportMailer}); the run enters the history only after that, with the mail's
 * failure in its summary and report, so a report that did not go out is never lost silently.
 *
 * <p>Thread-safe: one run at a time per node (and per cluster through the lock); {@link #cancel()} and
 * {@link #running()} may be called from any thread.
 */
public final class UseSyncJob implements JobRunner {

    /** The runner's key, registered on every node. */
    public static final JobRunnerKey RUNNER = JobRunnerKey.of("io.mailseal.use.sync");
    /** The one scheduled job's id. */
    public static final JobId JOB = JobId.of("io.mailseal.use.sync.scheduled");
    /** The name of the run lock. */
    public static final String LOCK = "use-sync";
    /** How often at most a run renews its lease and writes its progress. */
    static final Duration RENEW_EVERY = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(UseSyncJob.class);

    /** What one attempt to run gave. */
    public sealed interface Outcome {

        /**
         * The sync ran.
         *
         * @param run the run as recorded in the history
         */
        record Ran(SyncRun run) implements Outcome {
        }

        /**
         * The sync did not run.
         *
         * @param reason why (not configured, another run holds the lock)
         */
        record Skipped(String reason) implements Outcome {
        }
    }

    /** What "run now" gave. */
    public sealed interface Start {

        /** The run was started in the background. */
        record Started() implements Start {
        }

        /** This node is already running one. */
        record Busy() implements Start {
        }

        /**
         * Nothing was started: the sync could not run now (the same reasons a scheduled run is skipped for).
         *
         * @param reason why, for the admin
         */
        record Refused(String reason) implements Start {
        }
    }

    /** Whether a run may go ahead. */
    private sealed interface Readiness {
    }

    /** A run may go ahead with these settings and report sender. */
    private record Ready(UseSettings use, EmailAddress from) implements Readiness {
    }

    /** A run cannot go ahead, and why. */
    private record NotReady(String reason) implements Readiness {
    }

    private static final String ANOTHER_RUN = "another sync run is under way";

    private final SchedulerService scheduler;
    private final BandanaUseSettingsStore settings;
    private final SyncStores stores;
    private final ManagedCa ca;
    private final AoRunLock lock;
    private final CryptoRuntime crypto;
    private final SecretCodec codec;
    private final SyncReportMailer mailer;
    private final Clock clock;
    private final Function<SftpSettings, ImportShare> shares;
    private final Executor background;
    private final ThreadPoolExecutor ownPool;
    private final AtomicReference<SyncCancellation> current = new AtomicReference<>();

    /**
     * The job for Confluence: "run now" on one daemon thread of its own.
     *
     * @param scheduler Confluence's scheduler
     * @param machinery the settings, stores, CA (when an issuing CA is set, {@code smime-state} lines issue and
     *                  revoke through it), run lock, crypto, codec, mailer, clock and share opener
     */
    public UseSyncJob(SchedulerService scheduler, UseMachinery machinery) {
        this(scheduler, machinery, null);
    }

    /**
     * The job with its "run now" executor given (tests run "run now" when they choose).
     *
     * @param scheduler  Confluence's scheduler
     * @param machinery  what USE runs work with
     * @param background runs "run now" (it should refuse a second task while one runs); null: a daemon thread of
     *                   its own, one run at a time
     */
    public UseSyncJob(SchedulerService scheduler, UseMachinery machinery, Executor background) {
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
        if (background == null) {
            ownPool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "mailseal-use-sync-now");
                thread.setDaemon(true);
                return thread;
            });
            ownPool.allowCoreThreadTimeOut(true);
            this.background = ownPool;
        } else {
            ownPool = null;
            this.background = background;
        }
    }

    /** Registers the runner on this node and schedules the job as the stored settings say; called on plugin start. */
    public void start() {
        scheduler.registerJobRunner(RUNNER, this);
        Checked<UseSettings> stored = settings.load();
        if (stored instanceof Checked.Valid<UseSettings> valid) {
            reschedule(valid.orElseThrow());
        } else {
            LOG.warn("Mailseal's USE sync is not scheduled: its settings cannot be read: {}", stored.problems());
        }
    }

    /** Unregisters the runner on this node and stops a run of this node; called on plugin stop. */
    public void stop() {
        scheduler.unregisterJobRunner(RUNNER);
        SyncCancellation running = current.get();
        if (running != null) {
            running.cancel();
        }
        if (ownPool != null) {
            ownPool.shutdown();
        }
    }

    /**
     * Schedules the job at the settings' interval (first run one interval from now), or unschedules it when the
     * schedule is off or no share is set.
     *
     * @param use the settings
     * @return empty if done, else why the scheduler refused
     */
    public Optional<String> reschedule(UseSettings use) {
        Objects.requireNonNull(use, "use");
        if (!use.schedule().enabled() || !use.configured()) {
            scheduler.unscheduleJob(JOB);
            return Optional.empty();
        }
        long interval = use.schedule().interval().toMillis();
        try {
            scheduler.scheduleJob(JOB, JobConfig.forJobRunnerKey(RUNNER).withRunMode(RunMode.RUN_ONCE_PER_CLUSTER)
                    .withSchedule(Schedule.forInterval(interval, Date.from(clock.instant().plusMillis(interval)))));
            return Optional.empty();
        } catch (SchedulerServiceException e) {
            LOG.warn("Mailseal's USE sync could not be scheduled: {}", e.getMessage());
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public JobRunnerResponse runJob(JobRunnerRequest request) {
        Outcome outcome = runOnce(request::isCancellationRequested);
        if (outcome instanceof Outcome.Skipped skipped) {
            return JobRunnerResponse.aborted(skipped.reason());
        }
        SyncRun run = ((Outcome.Ran) outcome).run();
        return run.outcome() == SyncRun.Outcome.FAILED ? JobRunnerResponse.failed(run.summary())
                : JobRunnerResponse.success(run.summary());
    }

    /**
     * Starts a run in the background now (the admin's "run now"), after checking on the calling thread what a run
     * needs (settings, share, report sender, no run under way on any node), so the admin learns at once why not.
     *
     * @return started; busy if this node already runs one; or refused with the reason
     */
    public Start runNow() {
        if (readiness() instanceof NotReady notReady) {
            return new Start.Refused(notReady.reason());
        }
        if (lock.find(LOCK).isPresent()) {
            return new Start.Refused(ANOTHER_RUN);
        }
        try {
            background.execute(() -> {
                try {
                    Outcome outcome = runOnce(() -> false);
                    if (outcome instanceof Outcome.Skipped skipped) {
                        LOG.warn("Mailseal's USE sync (run now) did not run: {}", skipped.reason());
                    }
                } catch (RuntimeException e) {
                    LOG.error("Mailseal's USE sync run failed", e);
                }
            });
            return new Start.Started();
        } catch (RejectedExecutionException e) {
            return new Start.Busy();
        }
    }

    /**
     * Asks the running sync to stop, wherever it runs: this node's at once, another node's at its next renewal.
     *
     * @return true if a run was asked to stop
     */
    public boolean cancel() {
        SyncCancellation running = current.get();
        if (running != null) {
            running.cancel();
        }
        return lock.askCancel(LOCK) || running != null;
    }

    /**
     * The running sync, on any node.
     *
     * @return its start, progress and whether it was asked to stop; empty if none runs
     */
    public Optional<AoRunLock.Held> running() {
        return lock.find(LOCK);
    }

    private Readiness readiness() {
        Checked<UseSettings> stored = settings.load();
        if (stored instanceof Checked.Invalid<UseSettings> invalid) {
            return new NotReady("the USE settings cannot be read: " + invalid.problems());
        }
        UseSettings use = stored.orElseThrow();
        if (!use.configured()) {
            return new NotReady("no SFTP share is set");
        }
        Optional<EmailAddress> from = mailer.sender(use.reportFrom());
        if (from.isEmpty()) {
            return new NotReady("no report sender: set one, or a default sender on Confluence's SMTP server");
        }
        return new Ready(use, from.get());
    }

    /**
     * One run, on the calling thread: takes the lock, syncs, mails the report, records the run.
     *
     * @param cancelRequested the scheduler's own cancel request
     * @return the run, or why it did not run
     */
    public Outcome runOnce(BooleanSupplier cancelRequested) {
        Readiness readiness = readiness();
        if (readiness instanceof NotReady notReady) {
            return new Outcome.Skipped(notReady.reason());
        }
        UseSettings use = ((Ready) readiness).use();
        EmailAddress from = ((Ready) readiness).from();
        Optional<AoRunLock.Lease> lease = lock.tryAcquire(LOCK);
        if (lease.isEmpty()) {
            return new Outcome.Skipped(ANOTHER_RUN);
        }
        SyncCancellation cancellation = new SyncCancellation();
        current.set(cancellation);
        Instant started = clock.instant();
        try {
            return run(use, from, lease.get(), cancellation, cancelRequested);
        } catch (RuntimeException e) {
            LOG.error("Mailseal's USE sync run failed", e);
            SyncRun failed = SyncRun.of("failed-" + started.toEpochMilli(), started, clock.instant(),
                    SyncRun.Outcome.FAILED, List.of(), "the run failed: " + e.getClass().getSimpleName(),
                    "The run failed before it could finish: " + e.getClass().getName() + ": " + e.getMessage()
                            + "\n");
            stores.state().appendRun(failed);
            return new Outcome.Ran(failed);
        } finally {
            current.set(null);
            lock.release(lease.get());
        }
    }

    private Outcome run(UseSettings use, EmailAddress from, AoRunLock.Lease lease, SyncCancellation cancellation,
                    BooleanSupplier cancelRequested) {
        HeldHistory history = new HeldHistory(stores.state());
        SyncStores held = new SyncStores(stores.keys(), stores.groups(), stores.rules(), history,
                stores.smimeUsers());
        Optional<BuiltInCertificateAuthority> authority = authority();
        UseSyncSettings syncSettings = use.toSync(from, List.of(), authority.isPresent()
                ? use.smimeSettings(ca.profile()) : SmimeSyncSettings.DEFAULTS);
        SyncExecutor executor = new SyncExecutor(held, new PgpKeyGenerator(crypto, clock),
                new KeyFileImporter(crypto, codec, clock), codec, syncSettings.parallelism(), authority.orElse(null));
        UseSync sync = new UseSync(shares.apply(use.sftp().toEngine()), held, executor, syncSettings, clock);
        lock.renew(lease, "started");
        UseSync.Result result = sync.run(progress(lease, cancellation, cancelRequested), cancellation);
        SyncRun run = result.run();
        if (result.report().isPresent()) {
            run = recordMail(run, "report mail", mailer.send(result.report().get(), from));
        }
        if (result.smimeReport().isPresent()) {
            run = recordMail(run, "S/MIME report mail", mailer.send(result.smimeReport().get(), from));
        }
        history.release(run);
        return new Outcome.Ran(run);
    }

    /**
     * The run with a mail's failure in it: a succeeded run becomes partly failed, the summary says which mail did not
     * go out, the report why. A sent mail leaves the run as it is.
     *
     * @param run    the run
     * @param what   the mail ("report mail", "S/MIME report mail")
     * @param mailed what sending gave
     * @return the run to record
     */
    static SyncRun recordMail(SyncRun run, String what, SyncReportMailer.Result mailed) {
        if (!(mailed instanceof SyncReportMailer.Result.NotSent notSent)) {
            return run;
        }
        LOG.warn("Mailseal's {} of run {} was not sent: {}", what, run.id(), notSent.reason());
        return SyncRun.of(run.id(), run.started(), run.finished(),
                run.outcome() == SyncRun.Outcome.SUCCEEDED ? SyncRun.Outcome.PARTLY_FAILED : run.outcome(),
                run.files(), run.summary() + "; " + what + " not sent",
                run.report() + "\n== " + what + " ==\nnot sent: " + notSent.reason() + "\n");
    }

    /** The built-in CA, or empty when none is set or the stored one cannot be opened (logged, without secrets). */
    private Optional<BuiltInCertificateAuthority> authority() {
        try {
            return ca.authority();
        } catch (CaException | IllegalStateException e) {
            LOG.warn("Mailseal's USE sync runs without its certificate authority: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Renews the lease (at most every {@link #RENEW_EVERY}) with the progress, and passes on cancel requests. */
    private SyncProgress progress(AoRunLock.Lease lease, SyncCancellation cancellation,
                                  BooleanSupplier cancelRequested) {
        AtomicLong lastRenewal = new AtomicLong(Long.MIN_VALUE);
        return (file, done, total) -> {
            if (cancelRequested.getAsBoolean()) {
                cancellation.cancel();
            }
            long now = clock.millis();
            long last = lastRenewal.get();
            if ((last != Long.MIN_VALUE && now - last < RENEW_EVERY.toMillis()) && done < total) {
                return;
            }
            if (!lastRenewal.compareAndSet(last, now)) {
                return;
            }
            AoRunLock.Renewal renewal = lock.renew(lease, file + ": " + done + " of " + total);
            if (renewal != AoRunLock.Renewal.HELD) {
                if (renewal == AoRunLock.Renewal.LOST) {
                    LOG.warn("Mailseal's USE sync lost its run lock; stopping");
                }
                cancellation.cancel();
            }
        };
    }

    @Override
    public String toString() {
        return "UseSyncJob[" + JOB + "]";
    }

    /**
     * The state store a run uses: everything goes through, except that the run is held back until its report was
     * mailed, so the history shows the mail's outcome too.
     */
    private static final class HeldHistory implements SyncStateStore {

        private final SyncStateStore delegate;
        private final AtomicReference<SyncRun> run = new AtomicReference<>();

        HeldHistory(SyncStateStore delegate) {
            this.delegate = delegate;
        }

        void release(SyncRun finalRun) {
            run.set(null);
            delegate.appendRun(finalRun);
        }

        @Override
        public boolean wasProcessed(String name, String sha256) {
            return delegate.wasProcessed(name, sha256);
        }

        @Override
        public void recordProcessed(String name, String sha256, Instant at) {
            delegate.recordProcessed(name, sha256, at);
        }

        @Override
        public int countIncomplete(String name, Instant at) {
            return delegate.countIncomplete(name, at);
        }

        @Override
        public void forgetIncomplete(String name) {
            delegate.forgetIncomplete(name);
        }

        @Override
        public void appendRun(SyncRun finished) {
            run.set(finished);
        }

        @Override
        public List<SyncRun> newestRuns(int limit) {
            return delegate.newestRuns(limit);
        }
    }
}
