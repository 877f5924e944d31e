package io.mailseal.policy;

import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.SourceName;
import java.util.Objects;

/**
 * What happens to one recipient of one message.
 *
 * <p>Implementations are immutable values.
 */
public sealed interface Decision {

    /**
     * Why, in plain words, for logs, audit and problem reports.
     *
     * @return the reason; never null
     */
    String reason();

    /**
     * Whether the original content reaches this recipient unencrypted.
     *
     * @return true for {@link Exempt}, {@link SendPlain} and {@link Untouched}
     */
    default boolean plaintext() {
        return false;
    }

    /**
     * Encrypt to this key.
     *
     * @param key    the S/MIME certificate or PGP key
     * @param source where the key came from
     */
    record Encrypt(RecipientKey key, SourceName source) implements Decision {

        /** Validates. */
        public Encrypt {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String reason() {
            return key.type() + " key " + key.summary().id() + " from " + source;
        }
    }

    /**
     * An exemption rule lets the message go unencrypted.
     *
     * @param rule the exemption's name
     */
    record Exempt(String rule) implements Decision {

        @Override
        public String reason() {
            return "exempt by rule '" + rule + "'";
        }

        @Override
        public boolean plaintext() {
            return true;
        }
    }

    /**
     * No usable key, and the policy sends unencrypted.
     *
     * @param reason why there is no key
     */
    record SendPlain(String reason) implements Decision {

        @Override
        public boolean plaintext() {
            return true;
        }
    }

    /**
     * No usable key: the recipient gets a problem report instead of the message.
     *
     * @param reason why there is no key
     */
    record ProblemReport(String reason) implements Decision {
    }

    /**
     * No usable key: the message is withheld from this recipient.
     *
     * @param reason why there is no key
     */
    record Withhold(String reason) implements Decision {
    }

    /**
     * A key source failed, so the recipient's key may exist: the message is not sent now and is retried later (the
     * mail hook answers SMTP 451).
     *
     * @param reason which source failed and how
     */
    record Retry(String reason) implements Decision {
    }

    /**
     * A rule says {@code untouched}: the message goes out as it is, neither encrypted nor signed.
     *
     * @param reason which rule
     */
    record Untouched(String reason) implements Decision {

        @Override
        public boolean plaintext() {
            return true;
        }
    }

    /**
     * A rule says {@code swm}: the recipient gets a notice without content, with a link to the content in
     * Confluence.
     *
     * @param reason which rule, and why not the message (no key, or the rule's dedicated delivery)
     */
    record WebNotice(String reason) implements Decision {
    }

    /**
     * A rule says {@code pdf} or {@code zip}: the recipient gets the content in a password-protected file.
     *
     * @param format PDF or ZIP
     * @param reason which rule, and why not the message
     */
    record Packaged(RuleTreatment.Delivery format, String reason) implements Decision {

        /** Validates. */
        public Packaged {
            Objects.requireNonNull(reason, "reason");
            if (format != RuleTreatment.Delivery.PDF && format != RuleTreatment.Delivery.ZIP) {
                throw new IllegalArgumentException("a packaged delivery is a PDF or a ZIP: " + format);
            }
        }
    }
}
