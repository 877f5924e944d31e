package io.mailseal.testkit.store;

import io.mailseal.store.AuditEvent;
import io.mailseal.store.AuditLog;
import io.mailseal.store.AuditRetention;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The audit log in memory, for tests and the command line, bounded by its {@link AuditRetention} like every audit log.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class InMemoryAuditLog implements AuditLog {

    private static final Comparator<Entry> NEWEST_FIRST = Comparator.comparing((Entry entry) -> entry.event().at())
            .thenComparingLong(Entry::sequence).reversed();

    private final Clock clock;
    private final AuditRetention retention;
    private final List<Entry> entries = new ArrayList<>();
    private long sequence;

    /**
     * Creates an empty log.
     *
     * @param clock     "now" for the retention's age; not null
     * @param retention what is kept; not null
     */
    public InMemoryAuditLog(Clock clock, AuditRetention retention) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    @Override
    public synchronized void append(AuditEvent event) {
        entries.add(new Entry(Objects.requireNonNull(event, "event"), ++sequence));
        entries.sort(NEWEST_FIRST);
        Instant oldest = clock.instant().minus(retention.maxAge());
        entries.removeIf(entry -> entry.event().at().isBefore(oldest));
        while (entries.size() > retention.maxEvents()) {
            entries.remove(entries.size() - 1);
        }
    }

    @Override
    public synchronized List<AuditEvent> newest(int limit) {
        AuditLog.checkLimit(limit);
        return entries.stream().limit(limit).map(Entry::event).toList();
    }

    @Override
    public synchronized List<AuditEvent> newestOf(String actor, Set<String> actions, Instant since, int limit) {
        Objects.requireNonNull(actor, "actor");
        Set<String> wanted = AuditLog.checkActions(actions);
        Objects.requireNonNull(since, "since");
        AuditLog.checkLimit(limit);
        return entries.stream().map(Entry::event)
                .filter(event -> event.actor().equals(actor) && wanted.contains(event.action())
                        && !event.at().isBefore(since))
                .limit(limit).toList();
    }

    @Override
    public String toString() {
        return "InMemoryAuditLog" + retention;
    }

    private record Entry(AuditEvent event, long sequence) {
    }
}
