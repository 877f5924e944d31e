package io.mailseal.confluence.mail;

import io.mailseal.outbound.Delivery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the mail path did with the admin's test mails, so the verify screen can say whether its test mail was
 * encrypted (and for which key), withheld, or held back. A test mail carries the header {@value #HEADER} with a random
 * id; the pipeline notes, per id, what it did with each delivery. Only the newest {@value #MAX_ENTRIES} ids are kept.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class TestMailOutcomes {

    /** The header that marks a test mail; its value is the test's id. */
    public static final String HEADER = "X-Mailseal-Test";
    /** How many test mails are remembered. */
    public static final int MAX_ENTRIES = 32;
    /** How far into a message the header is looked for. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final Map<String, List<Outcome>> outcomes = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Outcome>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /**
     * What was done with one delivery of a test mail.
     *
     * @param action what was done; null if the delivery did not get that far (see {@code problem})
     * @param keyIds the keys it was encrypted to
     * @param reason the policy's reason, or empty
     * @param problem what went wrong upstream (refused, unavailable), or empty
     */
    public record Outcome(Delivery.Action action, List<String> keyIds, String reason, String problem) {

        /** Copies the key ids; nulls become empty texts. */
        public Outcome {
            keyIds = List.copyOf(keyIds);
            reason = Objects.toString(reason, "");
            problem = Objects.toString(problem, "");
        }
    }

    /**
     * The test id of a message: the value of its {@value #HEADER} header in the header section.
     *
     * @param message the RFC 5322 bytes
     * @return the id, or empty if it is no test mail
     */
    static Optional<String> testId(byte[] message) {
        int end = Math.min(message.length, MAX_HEADER_BYTES);
        int line = 0;
        String prefix = HEADER.toLowerCase(java.util.Locale.ROOT) + ":";
        while (line < end) {
            int next = line;
            while (next < end && message[next] != '\n') {
                next++;
            }
            String text = new String(message, line, next - line, StandardCharsets.US_ASCII).strip();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            if (text.toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
                String id = text.substring(prefix.length()).strip();
                return id.matches("[A-Za-z0-9_-]{1,64}") ? Optional.of(id) : Optional.empty();
            }
            line = next + 1;
        }
        return Optional.empty();
    }

    synchronized void add(String id, Outcome outcome) {
        outcomes.computeIfAbsent(id, key -> new ArrayList<>()).add(outcome);
    }

    /**
     * What was done with a test mail.
     *
     * @param id the test id
     * @return the outcomes per delivery, in order; empty if the mail did not reach the pipeline
     */
    public synchronized List<Outcome> of(String id) {
        List<Outcome> found = outcomes.get(id);
        return found == null ? List.of() : List.copyOf(found);
    }
}
