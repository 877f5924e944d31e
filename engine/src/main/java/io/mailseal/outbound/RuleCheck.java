package io.mailseal.outbound;

import io.mailseal.imports.SecretDisplay;
import io.mailseal.keys.EmailAddress;
import io.mailseal.policy.Decision;
import io.mailseal.rules.RuleMatch;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * "Verify settings" for a sender and a recipient: which rule of the live rule set applies (the first match in file
 * order), why, what it means, and what the policy decides under it.
 *
 * <p>Immutable and thread-safe; never shows a rule's password.
 *
 * @param from     the sender
 * @param to       the recipient
 * @param rules    how many rules the live rule set has (0: the global policy applies unchanged)
 * @param match    the rule that applies, or empty
 * @param decision the policy's decision for the recipient under that rule
 */
public record RuleCheck(EmailAddress from, EmailAddress to, int rules, Optional<RuleMatch> match, Decision decision) {

    /** Validates. */
    public RuleCheck {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(decision, "decision");
    }

    /**
     * The applying rule as its file writes it, passwords masked.
     *
     * @return e.g. {@code *;group:legal;fe;notify}, or empty
     */
    public Optional<String> ruleText() {
        return match.map(m -> m.rule().render(SecretDisplay.MASK));
    }

    /**
     * Why the rule applies, or why none does.
     *
     * @return e.g. {@code rule 3: from *, to group:legal}
     */
    public String why() {
        return match.map(RuleMatch::reason).orElse(rules == 0 ? "no rule set: the global policy applies unchanged"
                : "none of the " + rules + " rules matches: the global policy applies unchanged");
    }

    /**
     * What the rule's options do, one line each.
     *
     * @return the meanings; empty without a rule
     */
    public List<String> meaning() {
        return match.map(m -> m.rule().meaning()).orElse(List.of());
    }

    /**
     * The decision's kind and reason in one line.
     *
     * @return e.g. {@code Withhold: rule 2 (...): no usable PGP key for bob@example.com (...)}
     */
    public String decisionText() {
        return decision.getClass().getSimpleName() + ": " + decision.reason();
    }
}
