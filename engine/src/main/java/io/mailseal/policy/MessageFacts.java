package io.mailseal.policy;

import io.mailseal.keys.EmailAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the policy may look at in a message: its envelope sender, its subject and its header fields (decoded). Never
 * the body.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sender  the envelope sender, or null for a bounce (empty MAIL FROM)
 * @param subject the decoded Subject, or "" if none
 * @param headers header values by lower-cased name
 */
public record MessageFacts(EmailAddress sender, String subject, Map<String, List<String>> headers) {

    /** Validates and copies, lower-casing the header names. */
    public MessageFacts {
        Objects.requireNonNull(subject, "subject");
        Map<String, List<String>> copy = new TreeMap<>();
        headers.forEach((name, values) -> copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), (a, b) -> {
            java.util.ArrayList<String> merged = new java.util.ArrayList<>(a);
            merged.addAll(b);
            return List.copyOf(merged);
        }));
        headers = Map.copyOf(copy);
    }

    /**
     * A header's values.
     *
     * @param name the header name, any case
     * @return its values in message order; empty if absent
     */
    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
