package io.mailseal.confluence.storage;

import com.atlassian.activeobjects.external.ActiveObjects;
import io.mailseal.store.AuditEvent;
import io.mailseal.store.AuditLog;
import io.mailseal.store.AuditRetention;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import net.java.ao.Query;

/**
 * The audit log in Active Objects ({@link AoAuditEvent}), bounded by an {@link AuditRetention}: each append deletes,
 * in the same transaction and one statement, the entries older than the retention's age and those beyond its count
 * (the oldest), found through the index on the time. Every access runs in one {@link ActiveObjects#executeInTransaction} and copies
 * the rows into engine records before they leave it.
 *
 * <p>Thread-safe: no state of its own besides the injected services. Defaults: {@link AuditRetention#DEFAULT}.
 */
public final class AoAuditLog implements AuditLog {

    private static final String NEWEST_FIRST = AoAuditEvent.OCCURRED_AT + " DESC, ID DESC";

    private final ActiveObjects ao;
    private final Clock clock;
    private final AuditRetention retention;

    /**
     * Creates the log with the default retention.
     *
     * @param ao    the plugin's Active Objects (the {@code ao-module} declares {@link AoAuditEvent})
     * @param clock "now" for the retention's age
     */
    public AoAuditLog(ActiveObjects ao, Clock clock) {
        this(ao, clock, AuditRetention.DEFAULT);
    }

    /**
     * Creates the log.
     *
     * @param ao        the plugin's Active Objects
     * @param clock     "now" for the retention's age
     * @param retention what is kept
     */
    public AoAuditLog(ActiveObjects ao, Clock clock, AuditRetention retention) {
        this.ao = Objects.requireNonNull(ao, "ao");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    @Override
    public void append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        long oldest = clock.instant().minus(retention.maxAge()).toEpochMilli();
        ao.executeInTransaction(() -> {
            Map<String, Object> row = new HashMap<>();
            row.put(AoAuditEvent.OCCURRED_AT, event.at().toEpochMilli());
            row.put(AoAuditEvent.ACTOR, event.actor());
            row.put(AoAuditEvent.ACTION, event.action());
            if (!event.subject().isEmpty()) {
                row.put(AoAuditEvent.SUBJECT, event.subject());
            }
            if (!event.detail().isEmpty()) {
                row.put(AoAuditEvent.DETAIL, event.detail());
            }
            ao.create(AoAuditEvent.class, row);
            AoAuditEvent[] firstDropped = ao.find(AoAuditEvent.class, Query.select()
                    .order(NEWEST_FIRST).offset(retention.maxEvents()).limit(1));
            if (firstDropped.length > 0) {
                long at = firstDropped[0].getOccurredAt();
                ao.deleteWithSQL(AoAuditEvent.class, AoAuditEvent.OCCURRED_AT + " < ? OR " + AoAuditEvent.OCCURRED_AT
                        + " < ? OR (" + AoAuditEvent.OCCURRED_AT + " = ? AND ID <= ?)",
                        oldest, at, at, firstDropped[0].getID());
            } else {
                ao.deleteWithSQL(AoAuditEvent.class, AoAuditEvent.OCCURRED_AT + " < ?", oldest);
            }
            return null;
        });
    }

    @Override
    public List<AuditEvent> newest(int limit) {
        AuditLog.checkLimit(limit);
        return ao.executeInTransaction(() -> Arrays.stream(ao.find(AoAuditEvent.class, Query.select()
                        .order(NEWEST_FIRST).limit(limit)))
                .map(AoAuditLog::event).toList());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One query, {@code ACTOR = ? AND ACTION IN (...) AND OCCURRED_AT >= ?}, newest first, limited. It needs no
     * index of its own (so no schema change): the retention bounds the table (10,000 entries by default) and the time
     * is indexed, so a recent {@code since} reads only the recent rows.
     */
    @Override
    public List<AuditEvent> newestOf(String actor, Set<String> actions, Instant since, int limit) {
        Objects.requireNonNull(actor, "actor");
        List<String> wanted = AuditLog.checkActions(actions).stream().sorted().toList();
        long from = Objects.requireNonNull(since, "since").toEpochMilli();
        AuditLog.checkLimit(limit);
        Object[] parameters = new Object[wanted.size() + 2];
        parameters[0] = actor;
        for (int i = 0; i < wanted.size(); i++) {
            parameters[i + 1] = wanted.get(i);
        }
        parameters[parameters.length - 1] = from;
        String where = AoAuditEvent.ACTOR + " = ? AND " + AoAuditEvent.ACTION + " IN ("
                + wanted.stream().map(action -> "?").collect(Collectors.joining(", ")) + ") AND "
                + AoAuditEvent.OCCURRED_AT + " >= ?";
        return ao.executeInTransaction(() -> Arrays.stream(ao.find(AoAuditEvent.class, Query.select()
                        .where(where, parameters).order(NEWEST_FIRST).limit(limit)))
                .map(AoAuditLog::event).toList());
    }

    @Override
    public String toString() {
        return "AoAuditLog" + retention;
    }

    private static AuditEvent event(AoAuditEvent row) {
        return new AuditEvent(Instant.ofEpochMilli(row.getOccurredAt()), row.getActor(), row.getAction(),
                Objects.requireNonNullElse(row.getSubject(), ""), Objects.requireNonNullElse(row.getDetail(), ""));
    }
}
