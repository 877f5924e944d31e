package io.mailseal.confluence.jobs;

import io.mailseal.ca.ArchivedCertificate;
import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaException;
import io.mailseal.ca.CertifiedKey;
import io.mailseal.ca.ExportResult;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.ca.PassphrasePolicy;
import io.mailseal.ca.Pkcs12Export;
import io.mailseal.ca.RevocationReason;
import io.mailseal.confluence.ca.ManagedCa;
import io.mailseal.confluence.storage.AoRunLock;
import io.mailseal.confluence.storage.BandanaUseSettingsStore;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.imports.ImportProblem;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Checked;
import io.mailseal.settings.SecretCodec;
import io.mailseal.store.SyncRun;
import io.mailseal.use.sftp.ImportShare;
import io.mailseal.use.sftp.SftpSettings;
import io.mailseal.use.sync.ActionResult;
import io.mailseal.use.sync.CertificateBatch;
import io.mailseal.use.sync.CertificateTransaction;
import io.mailseal.use.sync.KeyFileImporter;
import io.mailseal.use.sync.LineOutcome;
import io.mailseal.use.sync.Pushback;
import io.mailseal.use.sync.SmimeReport;
import io.mailseal.use.sync.SmimeSyncSettings;
import io.mailseal.use.sync.SyncAction;
import io.mailseal.use.sync.SyncCancellation;
import io.mailseal.use.sync.SyncExecutor;
import io.mailseal.use.sync.SyncStores;
import io.mailseal.use.sync.UseSync;
import io.mailseal.use.sync.UseSyncSettings;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an admin does with the built-in CA besides setting it up: batch processing of a semi-automatic instructions
 * CSV ({@link CertificateBatch}), and the archive's recovery (a PKCS#12 of certificate, private key and chain) and
 * revocation. Every change runs under the sync's cluster-wide run lock ({@link UseSyncJob#LOCK}), so it never
 * overlaps a sync run or a WatchDog cycle on any node; while one is under way nothing is changed and the outcome says
 * so. Previews and recovery change nothing and take no lock.
 *
 * <p>A batch is processed like the sync processes certificates (the same {@link SyncExecutor}: the managed keys and
 * the archive), whatever the S/MIME mode says (the admin's import is the approval); its S/MIME transactional report
 * goes out through {@link SyncReportMailer} to the USE report recipients, its files are pushed to the share's return
 * directory when a share and a return directory are set ({@link Pushback}, as the sync does), and the batch is
 * recorded in the run history with the mail's and the pushback's failures, if any.
 *
 * <p>A revocation goes through {@link SyncExecutor#revokeNow}, as a sync's {@code keystate:0} does: the CA records it
 * (the next CRL lists it) and the managed key of that certificate is removed.
 *
 * <p>Expected outcomes (no CA, busy, invalid file, weak passphrase, unknown serial) are values; the passphrase is
 * never kept, logged or returned.
 *
 * <p>Thread-safe: no mutable state of its own besides the injected thread-safe services.
 */
public final class CaAdministration {

    /** The largest instructions CSV accepted: 1 MiB. */
    public static final int MAX_CSV_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(CaAdministration.class);

    private final BandanaUseSettingsStore settings;
    private final SyncStores stores;
    private final ManagedCa ca;
    private final AoRunLock lock;
    private final CryptoRuntime crypto;
    private final SecretCodec codec;
    private final SyncReportMailer mailer;
    private final Clock clock;
    private final Function<SftpSettings, ImportShare> shares;

    /** What a batch preview or import gave. */
    public sealed interface Batch {

        /**
         * Nothing was done: no CA is set up or it cannot be opened, the USE settings cannot be read, or the file is
         * too large.
         *
         * @param reason why, in plain words
         */
        record Refused(String reason) implements Batch {
        }

        /**
         * Nothing was done: a sync run, WatchDog cycle or another batch holds the run lock.
         *
         * @param running what the lock's holder last reported, or empty
         */
        record Busy(String running) implements Batch {
        }

        /**
         * Nothing was done: the file has problems.
         *
         * @param problems every problem, with its line and field
         */
        record Invalid(List<ImportProblem> problems) implements Batch {

            /** Copies. */
            public Invalid {
                problems = List.copyOf(problems);
            }
        }

        /**
         * What importing would do now; nothing was done.
         *
         * @param preview the rows' planned outcomes, the live count, the limit and how many the limit refuses
         */
        record Previewed(CertificateBatch.Result.Previewed preview) implements Batch {

            /** Validates. */
            public Previewed {
                Objects.requireNonNull(preview, "preview");
            }
        }

        /**
         * The batch was processed.
         *
         * @param outcomes every row's outcome as it turned out ({@code (+)} created, {@code (%)} had a live
         *                 certificate, {@code (!)} refused and why)
         * @param created  the created certificates
         * @param report   the S/MIME transactional report
         * @param run      the run as recorded in the history (with the mail's and pushback's failures)
         * @param mailed   whether the report went out
         * @param pushback empty if pushed (or no share/return directory set), else why not
         */
        record Executed(List<LineOutcome> outcomes, List<IssuedCertificate> created, SmimeReport report, SyncRun run,
                        SyncReportMailer.Result mailed, Optional<String> pushback) implements Batch {

            /** Validates and copies. */
            public Executed {
                outcomes = List.copyOf(outcomes);
                created = List.copyOf(created);
                Objects.requireNonNull(report, "report");
                Objects.requireNonNull(run, "run");
                Objects.requireNonNull(mailed, "mailed");
                Objects.requireNonNull(pushback, "pushback");
            }
        }
    }

    /** What a revocation gave. */
    public sealed interface Revoke {

        /**
         * The certificate is revoked and its managed key removed; the S/MIME transactional report of the revocation
         * went to the report recipients and the share's return directory (or the run history says why not).
         *
         * @param certificate the certificate
         * @param revocation  when and why
         * @param run         the revocation as recorded in the run history
         * @param reported    empty if the report was mailed and pushed back (as far as set up), else why not
         */
        record Revoked(IssuedCertificate certificate, io.mailseal.ca.Revocation revocation, SyncRun run,
                       Optional<String> reported) implements Revoke {

            /** Checks that nothing is missing. */
            public Revoked {
                Objects.requireNonNull(certificate, "certificate");
                Objects.requireNonNull(revocation, "revocation");
                Objects.requireNonNull(run, "run");
                Objects.requireNonNull(reported, "reported");
            }
        }

        /**
         * Nothing was revoked: no CA, unknown serial, already revoked.
         *
         * @param reason why, naming the serial
         */
        record Refused(String reason) implements Revoke {
        }

        /**
         * Nothing was revoked: a sync run, WatchDog cycle or batch holds the run lock.
         *
         * @param running what the holder last reported, or empty
         */
        record Busy(String running) implements Revoke {
        }
    }

    /** What a recovery gave. */
    public sealed interface Recovery {

        /**
         * The PKCS#12 file.
         *
         * @param certificate the recovered certificate (public data, for the file name and the audit)
         * @param p12         the file: certificate, private key and chain, protected by the admin's passphrase
         */
        record Exported(IssuedCertificate certificate, byte[] p12) implements Recovery {

            /** Copies. */
            public Exported {
                Objects.requireNonNull(certificate, "certificate");
                p12 = p12.clone();
            }

            @Override
            public byte[] p12() {
                return p12.clone();
            }

            @Override
            public String toString() {
                return "Exported[" + certificate.serialHex() + ", " + p12.length + " bytes]";
            }
        }

        /**
         * Nothing was exported: the passphrase breaks the policy.
         *
         * @param verdict every rule it breaks
         */
        record Weak(PassphrasePolicy.Verdict verdict) implements Recovery {
        }

        /**
         * Nothing was exported: no CA, or no such serial.
         *
         * @param reason why
         */
        record Refused(String reason) implements Recovery {
        }
    }

    /**
     * Creates the service.
     *
     * @param machinery the USE settings (report recipients and sender, share, return directory, S/MIME limit), the
     *                  sync's stores, the built-in CA, the run lock shared with the sync and the WatchDog, crypto,
     *                  codec, mailer, clock and share opener
     */
    public CaAdministration(UseMachinery machinery) {
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

    /**
     * Checks an instructions CSV and plans it against the live certificates, changing nothing.
     *
     * @param file    the file's name
     * @param content its bytes, at most {@link #MAX_CSV_BYTES}
     * @return {@link Batch.Previewed}, {@link Batch.Invalid} or {@link Batch.Refused}
     */
    public Batch preview(String file, byte[] content) {
        Context context = context(content);
        if (context.refused() != null) {
            return context.refused();
        }
        CertificateBatch.Result result = batch(context).preview(file, content);
        if (result instanceof CertificateBatch.Result.Invalid invalid) {
            return new Batch.Invalid(invalid.problems());
        }
        return new Batch.Previewed((CertificateBatch.Result.Previewed) result);
    }

    /**
     * Processes an instructions CSV under the run lock: creates the certificates, mails the S/MIME report, pushes its
     * files back, records the run.
     *
     * @param file    the file's name
     * @param content its bytes, at most {@link #MAX_CSV_BYTES}
     * @return {@link Batch.Executed}, {@link Batch.Invalid}, {@link Batch.Busy} or {@link Batch.Refused}
     */
    public Batch execute(String file, byte[] content) {
        Context context = context(content);
        if (context.refused() != null) {
            return context.refused();
        }
        Optional<AoRunLock.Lease> lease = lock.tryAcquire(UseSyncJob.LOCK);
        if (lease.isEmpty()) {
            return new Batch.Busy(lock.find(UseSyncJob.LOCK).map(AoRunLock.Held::progress).orElse(""));
        }
        Instant started = clock.instant();
        try {
            lock.renew(lease.get(), "batch " + file + " started");
            SyncCancellation cancellation = new SyncCancellation();
            CertificateBatch.Result result = batch(context).importBatch(file, content, (name, done, total) -> {
                if (lock.renew(lease.get(), "batch " + name + ": " + done + " of " + total)
                        == AoRunLock.Renewal.LOST) {
                    cancellation.cancel();
                }
            }, cancellation);
            if (result instanceof CertificateBatch.Result.Invalid invalid) {
                return new Batch.Invalid(invalid.problems());
            }
            return finish(context.use(), file, started, (CertificateBatch.Result.Executed) result);
        } finally {
            lock.release(lease.get());
        }
    }

    private Batch finish(UseSettings use, String file, Instant started, CertificateBatch.Result.Executed result) {
        SmimeReport report = result.report();
        Optional<EmailAddress> from = mailer.sender(use.reportFrom());
        SyncReportMailer.Result mailed = from.isEmpty()
                ? new SyncReportMailer.Result.NotSent("no report sender: set one, or a default sender on"
                + " Confluence's SMTP server")
                : mailer.send(report, from.get());
        Optional<String> pushback = pushback(use, report.files(result.runId()));
        List<ActionResult> failures = result.execution().failures();
        List<LineOutcome> outcomes = result.execution().outcomes();
        SyncRun.Outcome outcome = !failures.isEmpty() || !result.execution().plan().overLimit().isEmpty()
                ? SyncRun.Outcome.PARTLY_FAILED
                : result.execution().certificates().isEmpty() ? SyncRun.Outcome.NOTHING_TO_DO
                : SyncRun.Outcome.SUCCEEDED;
        StringBuilder text = new StringBuilder("Mailseal certificate batch ").append(result.runId()).append(" of ")
                .append(file).append('\n');
        outcomes.forEach(line -> text.append(line.render()).append('\n'));
        text.append('\n').append(report.text());
        String summary = "batch " + file + ": " + outcomes.size() + " rows, " + report.summary();
        if (pushback.isPresent()) {
            summary += "; pushback failed";
            text.append("\n== pushback ==\nfailed: ").append(pushback.get()).append('\n');
            if (outcome == SyncRun.Outcome.SUCCEEDED) {
                outcome = SyncRun.Outcome.PARTLY_FAILED;
            }
        }
        SyncRun run = UseSyncJob.recordMail(SyncRun.of(result.runId(), started, clock.instant(), outcome,
                List.of(file), summary, text.toString()), "S/MIME report mail", mailed);
        stores.state().appendRun(run);
        List<IssuedCertificate> created = result.execution().certificates().stream()
                .filter(CertificateTransaction.Issued.class::isInstance)
                .map(transaction -> ((CertificateTransaction.Issued) transaction).certificate()).toList();
        return new Batch.Executed(outcomes, created, report, run, mailed, pushback);
    }

    /**
     * Sends the S/MIME transactional report of an admin's revocation (mail, return directory) and records it in the
     * run history; the revocation stands whatever happens to the report.
     */
    private Revoke.Revoked reported(CertificateTransaction.Revoked done, String admin) {
        Instant at = clock.instant();
        String runId = "revoke-" + UseSync.runId(at);
        Checked<UseSettings> stored = settings.load();
        SmimeReport.Builder builder = new SmimeReport.Builder(runId).revoked("certificate archive, admin " + admin,
                done);
        Optional<String> problem;
        SyncRun run;
        String summary = "revoked by admin " + admin + ": serial " + done.certificate().serialHex() + " of "
                + done.certificate().address().value();
        if (stored instanceof Checked.Invalid<UseSettings> invalid) {
            problem = Optional.of("the USE settings cannot be read: " + invalid.problems());
            SmimeReport report = builder.build(List.of(), List.of());
            run = SyncRun.of(runId, at, clock.instant(), SyncRun.Outcome.PARTLY_FAILED, List.of(),
                    summary + "; report not sent", report.text() + "\n== report ==\nnot sent: " + problem.get()
                            + "\n");
        } else {
            UseSettings use = stored.orElseThrow();
            SmimeReport report = builder.build(use.smimeSettings(ca.profile()).transactionsTo(), List.of());
            Optional<EmailAddress> from = mailer.sender(use.reportFrom());
            SyncReportMailer.Result mailed = from.isEmpty()
                    ? new SyncReportMailer.Result.NotSent("no report sender: set one, or a default sender on"
                    + " Confluence's SMTP server")
                    : mailer.send(report, from.get());
            Optional<String> pushback = pushback(use, report.files(runId));
            StringBuilder text = new StringBuilder(report.text());
            SyncRun.Outcome outcome = SyncRun.Outcome.SUCCEEDED;
            if (pushback.isPresent()) {
                summary += "; pushback failed";
                text.append("\n== pushback ==\nfailed: ").append(pushback.get()).append('\n');
                outcome = SyncRun.Outcome.PARTLY_FAILED;
            }
            run = UseSyncJob.recordMail(SyncRun.of(runId, at, clock.instant(), outcome, List.of(), summary,
                    text.toString()), "S/MIME report mail", mailed);
            problem = mailed instanceof SyncReportMailer.Result.NotSent notSent
                    ? Optional.of(notSent.reason() + pushback.map(p -> "; " + p).orElse("")) : pushback;
        }
        stores.state().appendRun(run);
        return new Revoke.Revoked(done.certificate(), done.revocation(), run, problem);
    }

    /** Pushes the files to the return directory when a share and one are set; empty if done or not asked for. */
    private Optional<String> pushback(UseSettings use, List<io.mailseal.use.sync.SyncReport.Attachment> files) {
        Optional<String> returns = use.directories().returns();
        if (!use.configured() || returns.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (Pushback.push(shares.apply(use.sftp().toEngine()), returns.get(),
                    UseSyncSettings.DEFAULT_RETURN_RETENTION, clock, files) instanceof Pushback.Result.Failed failed) {
                return Optional.of(failed.reason());
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("Mailseal's batch pushback failed: {}", e.getMessage());
            return Optional.of("pushback to " + returns.get() + " failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Revokes one archived certificate under the run lock, with the admin's reason; its managed key is removed.
     *
     * @param serial the serial
     * @param reason the reason the CRL gives
     * @return {@link Revoke.Revoked}, {@link Revoke.Refused} or {@link Revoke.Busy}
     */
    public Revoke revoke(BigInteger serial, RevocationReason reason, String admin) {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(admin, "admin");
        Optional<BuiltInCertificateAuthority> authority = authority();
        if (authority.isEmpty()) {
            return new Revoke.Refused("no certificate authority is set up");
        }
        Optional<ArchivedCertificate> entry = ca.archive().find(serial);
        if (entry.isEmpty()) {
            return new Revoke.Refused("no certificate with serial " + serial.toString(16) + " is in the archive");
        }
        if (entry.get().findRevocation().isEmpty() && !entry.get().liveAt(clock.instant())) {
            return new Revoke.Refused("the certificate with serial " + serial.toString(16) + " for "
                    + entry.get().certificate().address() + " is not live (valid " + entry.get().certificate()
                    .notBefore() + " to " + entry.get().certificate().notAfter() + "); only live ones are revoked");
        }
        Optional<AoRunLock.Lease> lease = lock.tryAcquire(UseSyncJob.LOCK);
        if (lease.isEmpty()) {
            return new Revoke.Busy(lock.find(UseSyncJob.LOCK).map(AoRunLock.Held::progress).orElse(""));
        }
        try {
            ActionResult result = executor(authority.get()).revokeNow(new SyncAction.RevokeCertificates(0,
                    entry.get().certificate().address(), List.of(serial), reason));
            Optional<CertificateTransaction.Revoked> revoked = result.certificates().stream()
                    .filter(CertificateTransaction.Revoked.class::isInstance)
                    .map(CertificateTransaction.Revoked.class::cast).findFirst();
            if (result.status() != ActionResult.Status.DONE || revoked.isEmpty()) {
                return new Revoke.Refused(result.detail());
            }
            return reported(revoked.get(), admin);
        } finally {
            lock.release(lease.get());
        }
    }

    /**
     * Writes an archived certificate with its private key and the CA chain as PKCS#12, protected by the admin's
     * passphrase (checked by {@link PassphrasePolicy}). Changes nothing.
     *
     * @param serial     the serial
     * @param passphrase the passphrase; not kept (the caller wipes it)
     * @param protection the PKCS#12 algorithms
     * @return {@link Recovery.Exported}, {@link Recovery.Weak} or {@link Recovery.Refused}
     */
    public Recovery recover(BigInteger serial, char[] passphrase, Pkcs12Export.Protection protection) {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(protection, "protection");
        Optional<BuiltInCertificateAuthority> authority = authority();
        if (authority.isEmpty()) {
            return new Recovery.Refused("no certificate authority is set up");
        }
        Optional<ArchivedCertificate> entry = ca.archive().find(serial);
        if (entry.isEmpty()) {
            return new Recovery.Refused("no certificate with serial " + serial.toString(16) + " is in the archive");
        }
        PassphrasePolicy.Verdict verdict = PassphrasePolicy.check(passphrase,
                entry.get().certificate().address().localPart());
        if (!verdict.acceptable()) {
            return new Recovery.Weak(verdict);
        }
        CertifiedKey key;
        try {
            key = authority.get().recover(serial).orElseThrow();
        } catch (CaException e) {
            return new Recovery.Refused(e.getMessage());
        }
        ExportResult exported = new Pkcs12Export(crypto).export(key, passphrase, protection);
        if (exported instanceof ExportResult.Refused weak) {
            return new Recovery.Weak(weak.verdict());
        }
        return new Recovery.Exported(key.certificate(), ((ExportResult.Exported) exported).p12());
    }

    /** The settings and the CA a batch needs, or why there are none. */
    private record Context(UseSettings use, BuiltInCertificateAuthority authority, Batch.Refused refused) {
    }

    private Context context(byte[] content) {
        if (content.length > MAX_CSV_BYTES) {
            return new Context(null, null, new Batch.Refused("the file has " + content.length + " bytes; at most "
                    + MAX_CSV_BYTES + " are read"));
        }
        Checked<UseSettings> stored = settings.load();
        if (stored instanceof Checked.Invalid<UseSettings> invalid) {
            return new Context(null, null, new Batch.Refused("the USE settings cannot be read: "
                    + invalid.problems()));
        }
        Optional<BuiltInCertificateAuthority> authority = authority();
        if (authority.isEmpty()) {
            return new Context(null, null, new Batch.Refused("no certificate authority is set up"));
        }
        return new Context(stored.orElseThrow(), authority.get(), null);
    }

    private CertificateBatch batch(Context context) {
        SmimeSyncSettings smime = context.use().smimeSettings(ca.profile());
        return new CertificateBatch(executor(context.authority()), smime, List.of(), clock);
    }

    private SyncExecutor executor(BuiltInCertificateAuthority authority) {
        return new SyncExecutor(stores, new PgpKeyGenerator(crypto, clock), new KeyFileImporter(crypto, codec, clock),
                codec, 1, authority);
    }

    /** The CA, or empty when none is set up or it cannot be opened (logged, without secrets). */
    private Optional<BuiltInCertificateAuthority> authority() {
        try {
            return ca.authority();
        } catch (CaException | IllegalStateException e) {
            LOG.warn("Mailseal's certificate authority cannot be opened: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "CaAdministration";
    }
}
