package io.mailseal.confluence.web;

import io.mailseal.store.AuditEvent;
import io.mailseal.store.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managed-key download's lockout after wrong Confluence passwords, counted across the cluster: every wrong password
 * is an audit entry {@value #REFUSED} (actor: the user's key) in the {@link AuditLog}, which all nodes share, and the
 * lockout is derived from those entries, so an attacker gets the same {@value #MAX_FAILURES} guesses however many
 * nodes serve the requests.
 *
 * <p>The rule, precisely. A failure at time {@code T} <em>starts a lockout</em> when it and at least
 * {@value #MAX_FAILURES}{@code  - 1} earlier failures lie in {@code (T - WINDOW, T]} with no {@value #ACCEPTED} entry
 * of the user between them (a right password forgets the failures before it, not a lockout they already started); the
 * lockout lasts until {@code T + LOCKOUT} (exclusive: at {@code T + LOCKOUT} the user may try again). The user is
 * locked out while the newest lockout started has not ended. While locked out the password is not even checked, so
 * no failure is recorded; because {@link #LOCKOUT} is as long as {@link #WINDOW}, the failures that started a lockout
 * have left the window when it ends, and the count starts again (as the in-memory counter before it did).
 *
 * <p>Order and the remaining race: {@link #failed} appends the failure <em>before</em> it reads the log again and
 * answers, so of two nodes checking wrong passwords at the same time at least the later one sees both failures, and
 * every failure is counted. Requests that all passed the lockout check before any of them appended its failure each
 * get their guess: with {@code k} such concurrent requests the user may get {@code MAX_FAILURES - 1 + k} guesses in
 * that one burst, never more per window afterwards. A failure recorded by such a race while a lockout runs may start
 * a later lockout (stricter, never looser). Times come from the injected clock of each node; cluster nodes keep their
 * clocks in step (NTP), a skew of seconds shifts the window by as much.
 *
 * <p>Bounded: each decision reads at most {@value #MAX_READ} entries of the last {@code WINDOW + LOCKOUT}. The audit
 * log's retention must keep that half hour (the defaults keep 10,000 entries and a year); a {@value #ACCEPTED} entry
 * is written only when there are failures to forget, not for every right password. No password is ever audited or
 * logged.
 *
 * <p>Thread-safe: no state of its own; the audit log is thread-safe and shared by the cluster.
 */
public final class DownloadLockout {

    /** Wrong passwords within {@link #WINDOW} that start a lockout. */
    public static final int MAX_FAILURES = 5;
    /** The window the wrong passwords are counted in. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** How long a lockout lasts; as long as the window, see the class description. */
    public static final Duration LOCKOUT = WINDOW;
    /** The most audit entries one decision reads. */
    public static final int MAX_READ = 100;
    /** The audit action of a wrong password. */
    public static final String REFUSED = "key.downloadPasswordRefused";
    /** The audit action of a right password that made earlier wrong ones no longer count. */
    public static final String ACCEPTED = "key.downloadPasswordAccepted";

    private static final Set<String> ACTIONS = Set.of(REFUSED, ACCEPTED);
    private static final Logger LOG = LoggerFactory.getLogger(DownloadLockout.class);

    private final AuditLog audit;
    private final Clock clock;

    /**
     * Creates the lockout.
     *
     * @param audit the audit log the cluster shares
     * @param clock the time
     */
    public DownloadLockout(AuditLog audit, Clock clock) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Until when a user is locked out.
     *
     * @param user the user key
     * @return the end of the running lockout, or empty if the user may try
     */
    public Optional<Instant> lockedUntil(String user) {
        Instant now = clock.instant();
        return lockedUntil(recent(user, now), now);
    }

    /**
     * Records a wrong password (audits {@value #REFUSED}), then reads the log again for the answer.
     *
     * @param user    the user key (the entry's actor)
     * @param subject what the entry is about (the user's address)
     * @param detail  the entry's words; never a password. "; downloads locked until …" is added when this failure
     *                starts a lockout
     * @return the end of the lockout the user is now in, or empty if the user may still try
     */
    public Optional<Instant> failed(String user, String subject, String detail) {
        Objects.requireNonNull(detail, "detail");
        Instant now = clock.instant();
        AuditEvent failure = new AuditEvent(now, user, REFUSED, subject, detail);
        List<AuditEvent> events = new ArrayList<>();
        events.add(failure);
        events.addAll(recent(user, now));
        Optional<Instant> starts = lockedUntil(events, now);
        audit.append(new AuditEvent(now, user, REFUSED, subject,
                detail + starts.map(end -> "; downloads locked until " + end).orElse("")));
        LOG.info("Mailseal audit: {} by {} on '{}'", REFUSED, user, subject);
        return lockedUntil(user);
    }

    /**
     * Records a right password: the user's earlier failures no longer count. Audits {@value #ACCEPTED} only when there
     * are such failures.
     *
     * @param user    the user key (the entry's actor)
     * @param subject what the entry is about (the user's address)
     * @param detail  the entry's words; never a password
     */
    public void succeeded(String user, String subject, String detail) {
        Objects.requireNonNull(detail, "detail");
        Instant now = clock.instant();
        int forgotten = 0;
        for (AuditEvent event : recent(user, now)) {
            if (event.action().equals(ACCEPTED)) {
                break;
            }
            forgotten++;
        }
        if (forgotten > 0) {
            audit.append(new AuditEvent(now, user, ACCEPTED, subject, detail + "; " + forgotten
                    + " earlier wrong password" + (forgotten == 1 ? "" : "s") + " no longer count"));
            LOG.info("Mailseal audit: {} by {} on '{}'", ACCEPTED, user, subject);
        }
    }

    /** The user's password entries of the last window and lockout, newest first, at most {@value #MAX_READ}. */
    private List<AuditEvent> recent(String user, Instant now) {
        return audit.newestOf(Objects.requireNonNull(user, "user"), ACTIONS, now.minus(WINDOW).minus(LOCKOUT),
                MAX_READ);
    }

    /**
     * The end of the newest lockout the entries started, if it has not ended.
     *
     * @param events one user's {@value #REFUSED} and {@value #ACCEPTED} entries, newest first
     * @param now    the time
     * @return the end, or empty if the user may try
     */
    static Optional<Instant> lockedUntil(List<AuditEvent> events, Instant now) {
        for (int i = 0; i < events.size(); i++) {
            if (!events.get(i).action().equals(REFUSED)) {
                continue;
            }
            Instant start = events.get(i).at();
            Instant end = start.plus(LOCKOUT);
            if (!now.isBefore(end)) {
                return Optional.empty();
            }
            int failures = 1;
            for (int j = i + 1; j < events.size() && failures < MAX_FAILURES; j++) {
                AuditEvent earlier = events.get(j);
                if (!earlier.action().equals(REFUSED) || !earlier.at().isAfter(start.minus(WINDOW))) {
                    break;
                }
                failures++;
            }
            if (failures >= MAX_FAILURES) {
                return Optional.of(end);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "DownloadLockout[" + MAX_FAILURES + " in " + WINDOW + ", lockout " + LOCKOUT + ", cluster-wide]";
    }
}
