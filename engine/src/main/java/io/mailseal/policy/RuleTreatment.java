package io.mailseal.policy;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.rules.Rule;
import io.mailseal.rules.RuleMatch;
import io.mailseal.rules.RuleOption;
import io.mailseal.rules.RuleOption.Kind;
import io.mailseal.settings.Secret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rule that applies to one sender and recipient demands, read from its options (see {@code docs/rules.md}
 * for how each demand combines with the global policy). {@link #NONE}: no rule applies, the global policy as it is.
 *
 * <p>Immutable and thread-safe; {@code toString()} never shows a password.
 *
 * @param match      the rule and why it applies; empty for {@link #NONE}
 * @param untouched  {@code untouched}: sent as it is, no crypto processing at all
 * @param encryption the encryption demand ({@link Encryption#GLOBAL} without {@code se}/{@code me}/{@code fe})
 * @param method     {@code pgp} or {@code smime}: the only key type looked for, instead of the global priority
 * @param signing    the signing demand ({@link Signing#GLOBAL} without {@code ss}/{@code fs})
 * @param signer     {@code fs:ADDRESS}: whose identity signs; empty: the From address's
 * @param delivery   {@code swm}, {@code pdf}, {@code zip}, or {@link Delivery#MESSAGE}
 * @param password   the rule's password for {@code swm}/{@code pdf}/{@code zip}; empty if the rule has none
 * @param notifySender {@code notify}: the sender gets a notice of what was done
 * @param attachKey  {@code atk}: our certificate or public key is attached
 */
public record RuleTreatment(Optional<RuleMatch> match, boolean untouched, Encryption encryption,
                           Optional<KeyType> method, Signing signing, Optional<EmailAddress> signer,
                           Delivery delivery, Secret password, boolean notifySender, boolean attachKey) {

    /** No rule applies: the global policy unchanged. */
    public static final RuleTreatment NONE = new RuleTreatment(Optional.empty(), false, Encryption.GLOBAL,
            Optional.empty(), Signing.GLOBAL, Optional.empty(), Delivery.MESSAGE, Secret.empty(), false, false);

    /** How strongly a rule asks for encryption. */
    public enum Encryption {
        /** No encryption option: the global policy (its fallback included). */
        GLOBAL,
        /** {@code se}: encrypt when a usable key exists; otherwise as the global policy says. */
        SHOULD,
        /** {@code me}: recipients without a usable key do not get the message (never plaintext). */
        MUST,
        /** {@code fe}: as {@code me}, and if any such recipient lacks a key, nobody gets the message. */
        FORCE
    }

    /** How strongly a rule asks for a signature. */
    public enum Signing {
        /** No signing option: signed if signing is on in the settings and the From address has an identity. */
        GLOBAL,
        /** {@code ss}: signed when an identity exists, even with signing off in the settings. */
        SHOULD,
        /** {@code fs}: signed, or not sent at all. */
        FORCE
    }

    /** How the content reaches the recipient. */
    public enum Delivery {
        /** The message itself (encrypted or not, as decided). */
        MESSAGE,
        /** {@code swm}: a notice without content, with a link to the content in Confluence. */
        WEB_NOTICE,
        /** {@code pdf}: the text in a password-protected PDF (AES-256). */
        PDF,
        /** {@code zip}: the message in an AES-256 ZIP. */
        ZIP
    }

    /** Validates. */
    public RuleTreatment {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(password, "password");
    }

    /**
     * The demands of a matching rule.
     *
     * @param match the rule that applies, or empty
     * @return its treatment; {@link #NONE} if empty
     */
    public static RuleTreatment of(Optional<RuleMatch> match) {
        if (match.isEmpty()) {
            return NONE;
        }
        Rule rule = match.get().rule();
        Encryption encryption = rule.has(Kind.FE) ? Encryption.FORCE : rule.has(Kind.ME) ? Encryption.MUST
                : rule.has(Kind.SE) ? Encryption.SHOULD : Encryption.GLOBAL;
        Optional<KeyType> method = rule.has(Kind.PGP) ? Optional.of(KeyType.PGP)
                : rule.has(Kind.SMIME) ? Optional.of(KeyType.SMIME) : Optional.empty();
        Signing signing = rule.has(Kind.FS) ? Signing.FORCE : rule.has(Kind.SS) ? Signing.SHOULD : Signing.GLOBAL;
        Optional<EmailAddress> signer = rule.find(Kind.FS).flatMap(o -> ((RuleOption.ForceSign) o).signer());
        Delivery delivery = Delivery.MESSAGE;
        Secret password = Secret.empty();
        for (Kind kind : List.of(Kind.SWM, Kind.PDF, Kind.ZIP)) {
            Optional<RuleOption> option = rule.find(kind);
            if (option.isPresent()) {
                delivery = switch (kind) {
                    case SWM -> Delivery.WEB_NOTICE;
                    case PDF -> Delivery.PDF;
                    default -> Delivery.ZIP;
                };
                password = ((RuleOption.Protected) option.get()).password();
            }
        }
        return new RuleTreatment(match, rule.has(Kind.UNTOUCHED), encryption, method, signing, signer, delivery,
                password, rule.has(Kind.NOTIFY), rule.has(Kind.ATK));
    }

    /**
     * Whether the rule demands more protection than plaintext: {@code me}, {@code fe}, or a delivery other than the
     * message. Such a rule is stronger than an admin's exemption (fail closed).
     *
     * @return true if plaintext is never acceptable under this rule
     */
    public boolean demandsProtection() {
        return encryption == Encryption.MUST || encryption == Encryption.FORCE || delivery != Delivery.MESSAGE;
    }

    /**
     * Whether {@code swm}/{@code pdf}/{@code zip} replace the message for every recipient (no {@code se},
     * {@code me} or {@code fe} in the rule), rather than only for those without a usable key.
     *
     * @return true for a dedicated delivery
     */
    public boolean dedicatedDelivery() {
        return delivery != Delivery.MESSAGE && encryption == Encryption.GLOBAL;
    }

    /**
     * The rule's name for reasons: {@code rule 3 (from *, to group:legal)}.
     *
     * @return the name, or {@code "global policy"} for {@link #NONE}
     */
    public String label() {
        return match.map(m -> "rule " + m.number() + " (" + m.rule() + ")").orElse("global policy");
    }
}
