package io.mailseal.confluence.mail;

import io.mailseal.outbound.Delivery;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the mail hook did since this node started, for the "mail hook status" screen: deliveries by action, messages
 * held back for a retry (451), and upstream failures.
 *
 * <p>Thread-safe: atomic counters.
 */
public final class MailCounters {

    private final Map<Delivery.Action, AtomicLong> deliveries = new EnumMap<>(Delivery.Action.class);
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /** Counters at zero. */
    public MailCounters() {
        for (Delivery.Action action : Delivery.Action.values()) {
            deliveries.put(action, new AtomicLong());
        }
    }

    void delivered(Delivery.Action action) {
        deliveries.get(action).incrementAndGet();
    }

    void retried() {
        retried.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    void refused() {
        refused.incrementAndGet();
    }

    /**
     * The counts now.
     *
     * @return a snapshot
     */
    public Snapshot snapshot() {
        Map<Delivery.Action, Long> counts = new EnumMap<>(Delivery.Action.class);
        deliveries.forEach((action, count) -> counts.put(action, count.get()));
        return new Snapshot(Map.copyOf(counts), retried.get(), failed.get(), refused.get());
    }

    /**
     * Counts at one moment.
     *
     * @param deliveries deliveries sent (or withheld) by action
     * @param retried    messages answered 451 so that Confluence sends them again
     * @param failed     deliveries the upstream server refused for good (logged with the recipients)
     * @param refused    connections refused because they did not go through the endpoint (fail closed)
     */
    public record Snapshot(Map<Delivery.Action, Long> deliveries, long retried, long failed, long refused) {

        /**
         * The count of one action.
         *
         * @param action the action
         * @return the count
         */
        public long of(Delivery.Action action) {
            return deliveries.getOrDefault(action, 0L);
        }
    }
}
