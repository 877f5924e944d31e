package io.mailseal.use.sync;

import io.mailseal.imports.ImportLimits;
import io.mailseal.imports.ImportProblem;
import io.mailseal.rules.RuleImportParser;
import io.mailseal.rules.RuleImportResult;
import io.mailseal.settings.Secret;
import io.mailseal.store.SmimeUser;
import io.mailseal.store.SyncRun;
import io.mailseal.use.UseImportParser;
import io.mailseal.use.UseImportResult;
import io.mailseal.use.UseLine;
import io.mailseal.use.sftp.ImportShare;
import io.mailseal.use.sftp.ShareFile;
import io.mailseal.use.sftp.ShareResult;
import io.mailseal.use.sftp.ShareSession;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * One USE sync run, end to end:
 * <ol>
 *   <li>open the share and list the import directory; read each {@code .useimport}, then each {@code .ruleimport}
 *       (in name order; a rule file's groups are checked against the live groups and those of this run's valid
 *       {@code .useimport} files);</li>
 *   <li>skip a file that is incomplete (no {@code #####}: still uploading), counting its cycles, and report it once it
 *       has stayed incomplete for {@link UseSyncSettings#incompleteCycles()} cycles; skip (and delete again) a file
 *       already processed with the same content;</li>
 *   <li>for an invalid file, report every problem and apply nothing of it; for a valid one, plan against the state
 *       read just before, execute, and record the outcome of each line;</li>
 *   <li>import the key files of the public- and private-key directories (private keys with the default passphrase,
 *       then each {@code passphrase} of this run's files), deleting each once imported;</li>
 *   <li>record each processed import file (name and SHA-256) and delete it from the share; a file that cannot be
 *       deleted stays recorded, so it is not applied twice; a valid file with a failed or cancelled line stays on the
 *       share unrecorded, so the next run tries again (planning it again does only what is still missing);</li>
 *   <li>build the report, push it back to the return directory ({@link Pushback}: purge returns older than the
 *       retention, then upload), and add the run to the history.</li>
 * </ol>
 * S/MIME certificates (when the executor has a {@link io.mailseal.ca.CertificateAuthority}): each
 * {@code .useimport} is planned against the CA's live certificates; in semi-automatic mode
 * ({@link SmimeSyncSettings.Mode#SEMI_AUTOMATIC}) its creations are not executed but collected into the instructions
 * CSV; every {@code smime-state} line puts its address on the S/MIME users list ({@code keystate:1}) or takes it off
 * ({@code keystate:0}); when anything was created, revoked, deferred or cut by the limit, the run's
 * {@link SmimeReport} is built and its files (text, certificates' zip, CSV) are pushed back to the return directory
 * too.
 * The caller (the plugin's scheduled job) sends the report by mail and holds the cluster lock so runs never overlap.
 *
 * <p>Thread-safe if its collaborators are; one run at a time is the caller's business.
 */
public final class UseSync {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ImportShare share;
    private final SyncStores stores;
    private final SyncExecutor executor;
    private final UseSyncSettings settings;
    private final Clock clock;
    private final Reconciler reconciler;

    /**
     * What a run gave.
     *
     * @param run         the run as recorded in the history
     * @param report      the report to send; empty when there was nothing to report
     * @param smimeReport the S/MIME transactional report to send ({@link SmimeReport#recipients()}); empty when no
     *                    certificate was created, revoked, deferred or cut by the limit
     */
    public record Result(SyncRun run, Optional<SyncReport> report, Optional<SmimeReport> smimeReport) {

        /** Validates. */
        public Result {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(smimeReport, "smimeReport");
        }

        /**
         * A result without an S/MIME report.
         *
         * @param run    the run
         * @param report the report
         */
        public Result(SyncRun run, Optional<SyncReport> report) {
            this(run, report, Optional.empty());
        }
    }

    /**
     * A sync.
     *
     * @param share    the admin's share
     * @param stores   the stores
     * @param executor applies plans
     * @param settings directories, defaults, recipients
     * @param clock    time source
     */
    public UseSync(ImportShare share, SyncStores stores, SyncExecutor executor, UseSyncSettings settings,
                   Clock clock) {
        this.share = Objects.requireNonNull(share, "share");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reconciler = new Reconciler(settings.keyDefaults(), settings.smime(), clock);
    }

    /**
     * Runs once.
     *
     * @param progress     hears each finished action
     * @param cancellation stops the run between actions
     * @return the run and its report
     */
    public Result run(SyncProgress progress, SyncCancellation cancellation) {
        Instant started = clock.instant();
        String runId = runId(started);
        Run run = new Run(new SyncReport.Builder(runId), new SmimeReport.Builder(runId));
        SyncReport.Builder report = run.report();
        List<String> files = new ArrayList<>();
        ShareResult<? extends ShareSession> opened = share.open();
        if (opened instanceof ShareResult.Failed<? extends ShareSession> failed) {
            report.error("the share could not be opened: " + failed.reason());
            return finish(runId, started, SyncRun.Outcome.FAILED, files, run, Optional.empty());
        }
        try (ShareSession session = ((ShareResult.Done<? extends ShareSession>) opened).value()) {
            SyncRun.Outcome outcome = runOn(session, run, files, progress, cancellation);
            return finish(runId, started, outcome, files, run, Optional.of(session));
        } catch (RuntimeException e) {
            report.error("the run stopped: " + e.getMessage());
            return finish(runId, started, SyncRun.Outcome.FAILED, files, run, Optional.empty());
        }
    }

    /** One run's two reports. */
    private record Run(SyncReport.Builder report, SmimeReport.Builder smime) {
    }

    private SyncRun.Outcome runOn(ShareSession session, Run run, List<String> files,
                                  SyncProgress progress, SyncCancellation cancellation) {
        SyncReport.Builder report = run.report();
        String imports = settings.importDirectory();
        ShareResult<List<ShareFile>> listed = session.list(imports);
        if (listed instanceof ShareResult.Failed<List<ShareFile>> failed) {
            report.error(failed.reason());
            return SyncRun.Outcome.FAILED;
        }
        List<ShareFile> all = ((ShareResult.Done<List<ShareFile>>) listed).value();
        List<Secret> passphrases = new ArrayList<>(List.of(settings.defaultPassphrase()));
        Set<String> groups = new HashSet<>(stores.groups().groups().names());
        UseImportParser useParser = new UseImportParser(new UseImportParser.Options(settings.allowWeakKeys(),
                ImportLimits.DEFAULTS));
        eachImportFile(session, all, ".useimport", report, files, (name, content) -> {
            UseImportResult result = useParser.parse(name, new ByteArrayInputStream(content));
            return new Read(result.complete(), result.problems(), result.problemCount(),
                    result instanceof UseImportResult.Valid valid ? () -> {
                        valid.passphrases().forEach(passphrases::add);
                        groups.addAll(valid.groups().names());
                        boolean done = apply(reconciler.reconcile(state(), valid), run, progress, cancellation);
                        rememberSmimeUsers(valid);
                        return done;
                    } : null);
        }, cancellation);
        boolean rulesCame = eachImportFile(session, all, ".ruleimport", report, files, (name, content) -> {
            RuleImportResult result = RuleImportParser.create().checkingGroups(groups).parse(name,
                    new ByteArrayInputStream(content));
            return new Read(result.complete(), result.problems(), result.problemCount(),
                    result instanceof RuleImportResult.Valid valid
                            ? () -> apply(reconciler.reconcile(state(), valid), run, progress, cancellation)
                            : null);
        }, cancellation);
        if (rulesCame) {
            report.liveRules(stores.rules().live());
        }
        settings.publicKeyDirectory().ifPresent(directory -> importKeys(session, directory, null, files, report,
                progress, cancellation));
        settings.privateKeyDirectory().ifPresent(directory -> importKeys(session, directory, passphrases, files,
                report, progress, cancellation));
        if (cancellation.isCancelled()) {
            return SyncRun.Outcome.CANCELLED;
        }
        if (report.isEmpty()) {
            return SyncRun.Outcome.NOTHING_TO_DO;
        }
        return report.errorCount() == 0 ? SyncRun.Outcome.SUCCEEDED : SyncRun.Outcome.PARTLY_FAILED;
    }

    /**
     * An import file as read: complete or not, its problems, and how to apply it (null unless valid; says whether
     * every action was done).
     */
    private record Read(boolean complete, List<ImportProblem> problems, int problemCount, BooleanSupplier apply) {
    }

    /** The stores' state, with the CA's live certificates when there is a CA. */
    private SyncState state() {
        SyncState state = stores.snapshot();
        return executor.authority().map(ca -> state.withCertificates(ca.live())).orElse(state);
    }

    /**
     * Executes a plan (in semi-automatic mode without its certificate issues, which go into the instructions) and
     * reports it; true if every action was done.
     */
    private boolean apply(SyncPlan plan, Run run, SyncProgress progress, SyncCancellation cancellation) {
        SyncPlan executed = plan;
        if (settings.smime().mode() == SmimeSyncSettings.Mode.SEMI_AUTOMATIC && !plan.issues().isEmpty()) {
            run.smime().deferred(plan.issues());
            executed = plan.withIssuesDeferred();
        }
        Execution execution = executor.execute(executed, progress, cancellation);
        run.report().applied(execution);
        run.smime().applied(execution);
        return execution.failures().isEmpty();
    }

    /** Puts each {@code keystate:1} address of a file on the S/MIME users list, takes each {@code keystate:0} off. */
    private void rememberSmimeUsers(UseImportResult.Valid file) {
        if (executor.authority().isEmpty()) {
            return;
        }
        for (UseLine line : file.lines()) {
            if (line instanceof UseLine.SmimeState smime && smime.keyWanted()) {
                stores.smimeUsers().put(new SmimeUser(smime.address(), smime.name().orElseThrow(),
                        smime.teamCertificate().orElse(false), smime.givenName(), smime.surname(), clock.instant()));
            } else if (line instanceof UseLine.SmimeState smime) {
                stores.smimeUsers().remove(smime.address());
            }
        }
    }

    /**
     * Reads, checks and applies every import file with the suffix, in name order: incomplete files are counted and
     * left, invalid ones reported, valid ones applied; each complete one is attached. An invalid file, and a valid one
     * whose every action was done, is recorded and deleted; a valid one with a failed or cancelled action stays on
     * the share, so the next run tries again (planning it again only does what is still missing).
     *
     * @return whether a valid file was applied
     */
    private boolean eachImportFile(ShareSession session, List<ShareFile> all, String suffix,
                                   SyncReport.Builder report, List<String> files,
                                   BiFunction<String, byte[], Read> parse, SyncCancellation cancellation) {
        String imports = settings.importDirectory();
        boolean applied = false;
        for (ShareFile file : filesEndingWith(all, suffix)) {
            if (cancellation.isCancelled()) {
                break;
            }
            Optional<byte[]> content = readNew(session, imports, file.name(), report);
            if (content.isEmpty()) {
                continue;
            }
            Read read = parse.apply(file.name(), content.get());
            if (!read.complete()) {
                incomplete(file.name(), report);
                continue;
            }
            files.add(file.name());
            report.attach(file.name(), content.get());
            if (read.apply() == null) {
                report.invalid(file.name(), read.problems(), read.problemCount());
            } else {
                applied = true;
                if (!read.apply().getAsBoolean()) {
                    report.error(file.name() + ": left on the share, since not every line was done; the next run"
                            + " tries again");
                    continue;
                }
            }
            processed(session, imports, file.name(), content.get(), report);
        }
        return applied;
    }

    private void importKeys(ShareSession session, String directory, List<Secret> passphrases, List<String> files,
                            SyncReport.Builder report, SyncProgress progress, SyncCancellation cancellation) {
        ShareResult<List<ShareFile>> listed = session.list(directory);
        if (listed instanceof ShareResult.Failed<List<ShareFile>> failed) {
            report.error(failed.reason());
            return;
        }
        for (ShareFile file : ((ShareResult.Done<List<ShareFile>>) listed).value()) {
            if (cancellation.isCancelled()) {
                return;
            }
            ShareResult<byte[]> read = session.read(directory, file.name());
            if (read instanceof ShareResult.Failed<byte[]> failed) {
                report.error(failed.reason());
                continue;
            }
            byte[] content = ((ShareResult.Done<byte[]>) read).value();
            files.add(file.name());
            SyncPlan plan = passphrases == null ? reconciler.importPublicKeys(file.name(), content)
                    : reconciler.importPrivateKey(file.name(), content, passphrases);
            Execution execution = executor.execute(plan, progress, cancellation);
            report.applied(execution);
            if (execution.failures().isEmpty()) {
                delete(session, directory, file.name(), report);
            }
        }
    }

    /** The file's bytes if it was not processed before with the same content (else deletes it again). */
    private Optional<byte[]> readNew(ShareSession session, String directory, String name, SyncReport.Builder report) {
        ShareResult<byte[]> read = session.read(directory, name);
        if (read instanceof ShareResult.Failed<byte[]> failed) {
            report.error(failed.reason());
            return Optional.empty();
        }
        byte[] content = ((ShareResult.Done<byte[]>) read).value();
        if (stores.state().wasProcessed(name, sha256(content))) {
            delete(session, directory, name, report);
            return Optional.empty();
        }
        return Optional.of(content);
    }

    private void incomplete(String name, SyncReport.Builder report) {
        int cycles = stores.state().countIncomplete(name, clock.instant());
        if (cycles >= settings.incompleteCycles()) {
            report.incomplete(name, cycles);
        }
    }

    private void processed(ShareSession session, String directory, String name, byte[] content,
                           SyncReport.Builder report) {
        stores.state().recordProcessed(name, sha256(content), clock.instant());
        delete(session, directory, name, report);
    }

    private static void delete(ShareSession session, String directory, String name, SyncReport.Builder report) {
        if (session.delete(directory, name) instanceof ShareResult.Failed<Void> failed) {
            report.error("processed, but not deleted from the share: " + failed.reason());
        }
    }

    private Result finish(String runId, Instant started, SyncRun.Outcome outcome, List<String> files, Run run,
                          Optional<ShareSession> session) {
        SyncReport.Builder report = run.report();
        Optional<SmimeReport> smime = run.smime().isEmpty() ? Optional.empty() : Optional.of(run.smime().build(
                settings.smime().transactionsTo().isEmpty() ? settings.reportTo() : settings.smime().transactionsTo(),
                settings.adminTo()));
        if (outcome == SyncRun.Outcome.NOTHING_TO_DO) {
            SyncRun history = SyncRun.of(runId, started, clock.instant(), outcome, files, "nothing to do", "");
            stores.state().appendRun(history);
            return new Result(history, Optional.empty());
        }
        SyncReport built = report.build(settings.reportTo(), settings.adminTo());
        if (session.isPresent() && settings.returnDirectory().isPresent()) {
            List<SyncReport.Attachment> returns = new ArrayList<>();
            returns.add(new SyncReport.Attachment(runId + "-report.txt",
                    built.text().getBytes(StandardCharsets.UTF_8)));
            returns.addAll(smime.map(s -> s.files(runId)).orElse(List.of()));
            if (Pushback.push(session.get(), settings.returnDirectory().get(), settings.returnRetention(), clock,
                    returns) instanceof Pushback.Result.Failed failed) {
                report.error(failed.reason());
                built = report.build(settings.reportTo(), settings.adminTo());
            }
        }
        SyncRun history = SyncRun.of(runId, started, clock.instant(), outcome, files, built.summary(),
                built.text());
        stores.state().appendRun(history);
        return new Result(history, Optional.of(built), smime);
    }

    /**
     * A run's id: its start in UTC, e.g. {@code 20260601T100000Z}; other kinds of run prefix it ({@code batch-}).
     *
     * @param started the run's start
     * @return the id
     */
    public static String runId(Instant started) {
        return RUN_ID.format(started);
    }

    private static List<ShareFile> filesEndingWith(List<ShareFile> files, String suffix) {
        return files.stream().filter(file -> file.name().toLowerCase(Locale.ROOT).endsWith(suffix)).toList();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
