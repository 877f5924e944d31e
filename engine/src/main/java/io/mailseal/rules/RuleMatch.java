package io.mailseal.rules;

import java.util.Objects;

/**
 * The rule that applies to one sender and recipient, and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param number the rule's place in the rule set, from 1 (the file's order)
 * @param rule   the rule
 * @param reason e.g. {@code rule 3: from *, to group:legal}
 */
public record RuleMatch(int number, Rule rule, String reason) {

    /** Validates. */
    public RuleMatch {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        if (number < 1) {
            throw new IllegalArgumentException("number must be at least 1: " + number);
        }
    }
}
