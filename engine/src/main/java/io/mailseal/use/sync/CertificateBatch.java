package io.mailseal.use.sync;

import io.mailseal.ca.CertificateAuthority;
import io.mailseal.imports.ImportProblem;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.Groups;
import io.mailseal.rules.RuleSet;
import io.mailseal.use.RunOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Imports a semi-automatic instructions CSV ({@link CertificateInstructions}) and has it "batch processed": every
 * row is checked first (a problem names the file, line and field; if there is any, nothing is applied), then each row
 * is planned against the live certificates like a {@code smime-state keystate:1} line (an address whose certificate
 * was created meanwhile is {@code (%)}, so importing a CSV twice creates nothing twice; the live-certificate limit
 * applies) and issued through the same {@link SyncExecutor} as the sync. Always creates (the admin's import is the
 * approval), whatever {@link SmimeSyncSettings#mode()} says.
 *
 * <p>{@link #preview} reads and plans the same way and changes nothing, so an admin can look before importing.
 *
 * <p>Thread-safe if its collaborators are.
 */
public final class CertificateBatch {

    private final SyncExecutor executor;
    private final CertificateAuthority authority;
    private final SmimeSyncSettings settings;
    private final List<EmailAddress> admins;
    private final Clock clock;

    /** What an import gave. */
    public sealed interface Result {

        /**
         * Nothing was applied.
         *
         * @param problems every problem, with file, line and field
         */
        record Invalid(List<ImportProblem> problems) implements Result {

            /** Copies. */
            public Invalid {
                problems = List.copyOf(problems);
            }
        }

        /**
         * The rows were applied.
         *
         * @param execution every row's outcome and result
         * @param report    the transactional report (created certificates, the limit)
         * @param runId     the batch's id, {@code batch-} and its time (the report's files are named after it)
         */
        record Executed(Execution execution, SmimeReport report, String runId) implements Result {

            /** Validates. */
            public Executed {
                Objects.requireNonNull(execution, "execution");
                Objects.requireNonNull(report, "report");
                Objects.requireNonNull(runId, "runId");
            }
        }

        /**
         * What importing would do now; nothing was applied.
         *
         * @param rows      how many rows the file has
         * @param outcomes  every row's planned outcome ({@code (+)} creates, {@code (%)} has a live certificate,
         *                  {@code (!)} cut by the limit), in file order
         * @param creates   how many certificates would be created
         * @param live      how many certificates are live now
         * @param limit     the live-certificate limit
         * @param overLimit how many rows the limit would refuse
         */
        record Previewed(int rows, List<LineOutcome> outcomes, int creates, int live, int limit, int overLimit)
                implements Result {

            /** Copies. */
            public Previewed {
                outcomes = List.copyOf(outcomes);
            }
        }
    }

    /** A checked file planned against the live certificates. */
    private record Planned(int rows, SyncPlan plan, int live) {
    }

    /**
     * A batch importer.
     *
     * @param executor issues through its certificate authority (required)
     * @param settings the limit, the buffer, the validity rows must ask for, the report's recipients
     * @param admins   the admin recipients (limit alerts)
     * @param clock    decides which certificates are current
     * @throws IllegalArgumentException if the executor has no certificate authority
     */
    public CertificateBatch(SyncExecutor executor, SmimeSyncSettings settings, List<EmailAddress> admins,
                            Clock clock) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.authority = executor.authority().orElseThrow(() -> new IllegalArgumentException(
                "a certificate batch needs an executor with a certificate authority"));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.admins = List.copyOf(admins);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks and applies a CSV.
     *
     * @param file         the file's name
     * @param content      its bytes
     * @param progress     hears each finished row
     * @param cancellation stops between rows
     * @return the problems, or the execution and its report
     */
    public Result importBatch(String file, byte[] content, SyncProgress progress, SyncCancellation cancellation) {
        Object planned = plan(file, content);
        if (planned instanceof Result.Invalid invalid) {
            return invalid;
        }
        SyncPlan plan = ((Planned) planned).plan();
        Execution execution = executor.execute(plan, progress, cancellation);
        String runId = "batch-" + UseSync.runId(clock.instant());
        SmimeReport report = new SmimeReport.Builder(runId).applied(execution).build(settings.transactionsTo(), admins);
        return new Result.Executed(execution, report, runId);
    }

    /**
     * Checks a CSV and plans it against the live certificates as {@link #importBatch} would now, applying nothing.
     *
     * @param file    the file's name
     * @param content its bytes
     * @return the problems, or what importing would do
     */
    public Result preview(String file, byte[] content) {
        Object planned = plan(file, content);
        if (planned instanceof Result.Invalid invalid) {
            return invalid;
        }
        Planned ok = (Planned) planned;
        int creates = (int) ok.plan().actions().stream().filter(SyncAction.IssueCertificate.class::isInstance)
                .count();
        return new Result.Previewed(ok.rows(), ok.plan().lines(), creates, ok.live(), settings.maxLive(),
                ok.plan().overLimit().size());
    }

    /** The file's problems ({@link Result.Invalid}), or its plan ({@link Planned}). */
    private Object plan(String file, byte[] content) {
        CertificateInstructions.Read read = CertificateInstructions.read(file, content, settings.validity());
        if (read instanceof CertificateInstructions.Read.Invalid invalid) {
            return new Result.Invalid(invalid.problems());
        }
        List<SyncAction.IssueCertificate> rows = ((CertificateInstructions.Read.Rows) read).rows();
        SyncState state = SyncState.of(List.of(), Groups.empty(), RuleSet.EMPTY).withCertificates(authority.live());
        CertificatePlanner planner = new CertificatePlanner(state, clock.instant(), settings);
        List<LineOutcome> outcomes = new ArrayList<>();
        List<SyncAction> actions = new ArrayList<>();
        for (SyncAction.IssueCertificate row : rows) {
            outcomes.add(planner.wanted(row.line(), row.address().value() + ";" + row.holder().commonName(),
                    row.address(), row.holder(), null, row.keySpec(), actions));
        }
        return new Planned(rows.size(), new SyncPlan(file, SyncPlan.Kind.CERTIFICATE_BATCH, outcomes, actions,
                RunOptions.NONE, planner.overLimit()), state.liveCertificateCount());
    }
}
