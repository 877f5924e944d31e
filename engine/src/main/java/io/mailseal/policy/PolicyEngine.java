package io.mailseal.policy;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.SourceResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides, per recipient, what the policy demands.
 *
 * <p>In order: an exemption that matches lets the message go plain; otherwise the key types are tried in the
 * policy's priority and the first usable key is used. Without a key: if a key source failed, the recipient's key may
 * exist, so the message is retried later, unless the admin chose {@link Fallback#SEND_UNENCRYPTED}, which accepts
 * plaintext whenever no key can be used; otherwise the fallback applies. The reason names every key type tried and
 * what each source said, so admins and problem reports can tell "no key" from "expired key" from "server down".
 *
 * <p>Thread-safe and immutable.
 */
public final class PolicyEngine {

    /** Where keys come from: the key directory (cached) in production. */
    @FunctionalInterface
    public interface KeyLookup {

        /**
         * Looks a key up.
         *
         * @param address the recipient
         * @param type    S/MIME or PGP
         * @return the result; never null
         */
        LookupResult lookup(EmailAddress address, KeyType type);
    }

    private final EncryptionPolicy policy;
    private final KeyLookup keys;

    /**
     * Creates the engine.
     *
     * @param policy the admin's policy
     * @param keys   where keys come from
     */
    public PolicyEngine(EncryptionPolicy policy, KeyLookup keys) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Decides for one recipient.
     *
     * @param message   the message's facts
     * @param recipient the recipient
     * @return the decision; never null
     */
    public Decision decide(MessageFacts message, EmailAddress recipient) {
        return decide(message, recipient, RuleTreatment.NONE);
    }

    /**
     * Decides for one recipient under the rule that applies to it (see {@code docs/rules.md}, "How a rule changes
     * the decision"): {@code untouched} sends as is; an exemption applies unless the rule demands protection
     * ({@code me}, {@code fe}, {@code swm}, {@code pdf}, {@code zip}); a dedicated {@code swm}/{@code pdf}/{@code zip}
     * replaces the message; otherwise a key is looked for (only the rule's method if it names one); without a key,
     * {@code swm}/{@code pdf}/{@code zip} are the fallback, {@code me}/{@code fe} never send plaintext (a problem
     * report if that is the global fallback, else withheld), and anything else takes the global fallback. A failed
     * key source means retry, except under the global {@link Fallback#SEND_UNENCRYPTED} with no protecting rule.
     * {@code fe}'s "withhold from all" is the caller's (it concerns the whole message).
     *
     * @param message   the message's facts
     * @param recipient the recipient
     * @param rule      what the applying rule demands; {@link RuleTreatment#NONE} for none
     * @return the decision; never null
     */
    public Decision decide(MessageFacts message, EmailAddress recipient, RuleTreatment rule) {
        Objects.requireNonNull(rule, "rule");
        String by = rule.match().isPresent() ? rule.label() + ": " : "";
        if (rule.untouched()) {
            return new Decision.Untouched(by + "untouched: sent as it is, neither encrypted nor signed");
        }
        if (!rule.demandsProtection()) {
            for (Exemption exemption : policy.exemptions()) {
                if (exemption.matches(message, recipient)) {
                    return new Decision.Exempt(exemption.name());
                }
            }
        }
        if (rule.dedicatedDelivery()) {
            return delivery(rule, by + rule.delivery().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " for every recipient");
        }
        List<String> why = new ArrayList<>();
        boolean sourceFailed = false;
        List<KeyType> types = rule.method().map(List::of).orElse(policy.typePriority().order());
        for (KeyType type : types) {
            LookupResult result = keys.lookup(recipient, type);
            if (result.selected().isPresent()) {
                return new Decision.Encrypt(result.selected().get().key(), result.selected().get().source());
            }
            sourceFailed |= result.transientFailure();
            why.add(explain(result));
        }
        String reason = by + "no usable " + typesText(types) + " for " + recipient + " (" + String.join("; ", why)
                + ")";
        if (rule.delivery() != RuleTreatment.Delivery.MESSAGE) {
            return sourceFailed ? new Decision.Retry(reason) : delivery(rule, reason);
        }
        boolean strict = rule.encryption() == RuleTreatment.Encryption.MUST
                || rule.encryption() == RuleTreatment.Encryption.FORCE;
        if (policy.fallback() == Fallback.SEND_UNENCRYPTED && !strict) {
            return new Decision.SendPlain(reason);
        }
        if (sourceFailed) {
            return new Decision.Retry(reason);
        }
        return policy.fallback() == Fallback.PROBLEM_REPORT ? new Decision.ProblemReport(reason)
                : new Decision.Withhold(reason);
    }

    private static Decision delivery(RuleTreatment rule, String reason) {
        return rule.delivery() == RuleTreatment.Delivery.WEB_NOTICE ? new Decision.WebNotice(reason)
                : new Decision.Packaged(rule.delivery(), reason);
    }

    /**
     * The key to also encrypt to for the sender, if the policy asks for it and the sender has one.
     *
     * @param sender the envelope sender, or null
     * @param type   the type the message is encrypted with
     * @return the sender's decision: {@link Decision.Encrypt} if there is a key, otherwise null
     */
    public Decision.Encrypt senderCopy(EmailAddress sender, KeyType type) {
        if (!policy.encryptForSender() || sender == null) {
            return null;
        }
        LookupResult result = keys.lookup(sender, type);
        return result.selected().map(found -> new Decision.Encrypt(found.key(), found.source())).orElse(null);
    }

    private static String typesText(List<KeyType> types) {
        if (types.size() > 1) {
            return "S/MIME certificate or PGP key";
        }
        return types.get(0) == KeyType.SMIME ? "S/MIME certificate" : "PGP key";
    }

    /**
     * The key types a rule lets the policy try, in order.
     *
     * @param rule the rule's treatment
     * @return the rule's method alone, or the global priority
     */
    public List<KeyType> keyTypes(RuleTreatment rule) {
        return rule.method().map(List::of).orElse(policy.typePriority().order());
    }

    private static String explain(LookupResult result) {
        List<String> parts = new ArrayList<>();
        for (SourceResponse response : result.responses()) {
            String part = response.source() + ": " + switch (response.status()) {
                case ERROR -> "failed (" + response.message() + ")";
                case DISABLED -> "off";
                default -> response.rejected().isEmpty() ? "none"
                        : String.join(", ", response.rejected().stream().map(PolicyEngine::rejection).toList());
            };
            parts.add(part);
        }
        return result.type() + ": " + (parts.isEmpty() ? "no source configured" : String.join(", ", parts));
    }

    private static String rejection(Rejection rejection) {
        return rejection.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " "
                + rejection.key().id();
    }
}
