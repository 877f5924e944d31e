package io.mailseal.use.sync;

import io.mailseal.ca.CertificateAuthority;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.Groups;
import io.mailseal.rules.RuleSet;
import io.mailseal.store.SmimeUser;
import io.mailseal.store.SmimeUserList;
import io.mailseal.use.RunOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The USE WatchDog: one cycle over the "S/MIME users" list ({@link SmimeUserList}), renewing every certificate that
 * expires within the renewal buffer. The plugin's scheduled job ({@code RUN_ONCE_PER_CLUSTER}, daily by default)
 * calls {@link #run}; it runs with or without the rest of USE (stand-alone, the list kept by an admin).
 *
 * <p>{@link Chaining#CHAINED}: renews only where the address has a live certificate; {@link Chaining#UNCHAINED}:
 * also creates the first certificate of a listed address. A certificate that expired before a cycle saw it has no
 * live predecessor, so chained mode leaves it (the report says so). Honours {@link SmimeSyncSettings#mode()} (in
 * semi-automatic mode the renewals go into the instructions CSV) and {@link SmimeSyncSettings#maxLive()} (entries
 * beyond the limit are reported and the admins alerted). Issues through the executor's certificate authority, so a
 * renewal becomes the address's managed key like a sync's.
 *
 * <p>Thread-safe if its collaborators are; one cycle at a time is the caller's business (the cluster lock).
 */
public final class WatchDog {

    /** Whether the WatchDog creates first certificates. */
    public enum Chaining {
        /** Renew only where a live (previous) certificate exists. */
        CHAINED,
        /** Also create a certificate for a listed address that has none. */
        UNCHAINED
    }

    /**
     * What a cycle gave.
     *
     * @param runId     the cycle's id (UTC time, as the sync's)
     * @param execution every listed address's outcome (plan lines numbered in list order) and the actions' results
     * @param report    the transactional report; empty when nothing was created, deferred or cut
     */
    public record Result(String runId, Execution execution, Optional<SmimeReport> report) {

        /** Validates. */
        public Result {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(execution, "execution");
            Objects.requireNonNull(report, "report");
        }
    }

    private final SmimeUserList users;
    private final SyncExecutor executor;
    private final CertificateAuthority authority;
    private final SmimeSyncSettings settings;
    private final Chaining chaining;
    private final List<EmailAddress> admins;
    private final Clock clock;

    /**
     * A WatchDog.
     *
     * @param users    the S/MIME users list
     * @param executor issues through its certificate authority (required)
     * @param settings mode, renewal buffer, limit, key; the report goes to {@link SmimeSyncSettings#transactionsTo()}
     * @param chaining chained or unchained
     * @param admins   the admin recipients (instructions, limit alerts)
     * @param clock    decides what expires within the buffer
     * @throws IllegalArgumentException if the executor has no certificate authority
     */
    public WatchDog(SmimeUserList users, SyncExecutor executor, SmimeSyncSettings settings, Chaining chaining,
                    List<EmailAddress> admins, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.authority = executor.authority().orElseThrow(() -> new IllegalArgumentException(
                "the WatchDog needs an executor with a certificate authority"));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.chaining = Objects.requireNonNull(chaining, "chaining");
        this.admins = List.copyOf(admins);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Plans one cycle without doing it (what {@link #run} would do now).
     *
     * @return the plan: one line per listed address
     */
    public SyncPlan plan() {
        Instant now = clock.instant();
        SyncState state = SyncState.of(List.of(), Groups.empty(), RuleSet.EMPTY).withCertificates(authority.live());
        CertificatePlanner planner = new CertificatePlanner(state, now, settings);
        List<LineOutcome> outcomes = new ArrayList<>();
        List<SyncAction> actions = new ArrayList<>();
        List<SmimeUser> listed = users.users();
        for (int i = 0; i < listed.size(); i++) {
            SmimeUser user = listed.get(i);
            String text = render(user);
            IssuedCertificate newest = planner.newest(user.address());
            if (newest == null && chaining == Chaining.CHAINED) {
                outcomes.add(LineOutcome.of(i + 1, text, LinePrefix.NOTHING, "no live certificate to renew (chained"
                        + " mode creates no first certificate)"));
                continue;
            }
            outcomes.add(planner.wanted(i + 1, text, user.address(), CertificatePlanner.holder(user.name(),
                    user.team(), user.givenName(), user.surname()), CertificatePlanner.NO_NAMES, actions));
        }
        return new SyncPlan("watchdog", SyncPlan.Kind.WATCHDOG, outcomes, actions, RunOptions.NONE,
                planner.overLimit());
    }

    /**
     * Runs one cycle: plans, then issues (automatic mode) or writes the instructions (semi-automatic mode).
     *
     * @param progress     hears each finished action
     * @param cancellation stops the cycle between actions
     * @return the outcomes and the transactional report
     */
    public Result run(SyncProgress progress, SyncCancellation cancellation) {
        String runId = "watchdog-" + UseSync.runId(clock.instant());
        SyncPlan plan = plan();
        SmimeReport.Builder report = new SmimeReport.Builder(runId);
        if (settings.mode() == SmimeSyncSettings.Mode.SEMI_AUTOMATIC) {
            report.deferred(plan.issues());
            plan = plan.withIssuesDeferred();
        }
        Execution execution = executor.execute(plan, progress, cancellation);
        report.applied(execution);
        return new Result(runId, execution, report.isEmpty() ? Optional.empty()
                : Optional.of(report.build(settings.transactionsTo(), admins)));
    }

    private static String render(SmimeUser user) {
        return "smime-user:" + user.address().value() + ";name:" + user.name()
                + user.givenName().map(given -> ";givenname:" + given).orElse("")
                + user.surname().map(surname -> ";surname:" + surname).orElse("")
                + ";teamcert:" + (user.team() ? 1 : 0);
    }
}
