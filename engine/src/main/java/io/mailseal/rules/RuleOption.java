package io.mailseal.rules;

import io.mailseal.imports.SecretDisplay;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Secret;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One option of a rule, such as {@code fe}, {@code fs:signer@example.com} or {@code pdf:PASSWORD}.
 *
 * <p>Implementations are immutable values; a password never shows in {@code toString()}.
 */
public sealed interface RuleOption permits RuleOption.Flag, RuleOption.ForceSign, RuleOption.Comment,
        RuleOption.Protected {

    /**
     * Which option this is.
     *
     * @return the kind
     */
    Kind kind();

    /**
     * The option as the rule file writes it.
     *
     * @param display whether a password shows or is masked
     * @return e.g. {@code fs:signer@example.com}
     */
    String render(SecretDisplay display);

    /**
     * What the option does in Mailseal, in plain words.
     *
     * @return the meaning, with this option's value where it has one (never a password)
     */
    default String meaning() {
        return kind().keyword() + ": " + kind().meaning();
    }

    /** What a value after {@code :} may be. */
    enum Value {
        /** No value: the option is a bare word. */
        NONE,
        /** An optional e-mail address. */
        OPTIONAL_ADDRESS,
        /** A text that must be there. */
        REQUIRED_TEXT,
        /** An optional password. */
        OPTIONAL_PASSWORD
    }

    /** The options of the USE rule notation and their meaning in Mailseal. */
    enum Kind {
        /** ShouldSign. */
        SS("ss", Value.NONE, "should sign: the mail is signed when a signing key is available"),
        /** ShouldEncrypt. */
        SE("se", Value.NONE, "should encrypt: each recipient with a usable key gets the mail encrypted; the others "
                + "get it as the global policy says"),
        /** ForceSign. */
        FS("fs", Value.OPTIONAL_ADDRESS, "force sign: the mail must be signed (with the key of the given address, "
                + "else of the From address); it is never sent unsigned"),
        /** ForceEncrypt. */
        FE("fe", Value.NONE, "force encrypt: the mail is sent only if every recipient has a usable key; if any "
                + "lacks one, it is withheld from all"),
        /** MustEncrypt. */
        ME("me", Value.NONE, "must encrypt: recipients with a usable key get the mail encrypted; the others do not "
                + "get it"),
        /** Notify the sender. */
        NOTIFY("notify", Value.NONE, "notify: the sender gets a notice of what was done"),
        /** The rule's comment. */
        COMMENT("comment", Value.REQUIRED_TEXT, "comment: a note on the rule; no effect on the mail"),
        /** SecureWebmailer. */
        SWM("swm", Value.OPTIONAL_PASSWORD, "secure webmailer: the recipient gets a notice without content and a "
                + "link to the content in Confluence (on its own, or as the fallback where encryption is not possible)"),
        /** Pass through without crypto processing. */
        UNTOUCHED("untouched", Value.NONE, "untouched: the mail is sent as it is, neither encrypted nor signed"),
        /** Attach our key. */
        ATK("atk", Value.NONE, "attach key: our certificate or public key is attached to the mail"),
        /** Password-protected PDF. */
        PDF("pdf", Value.OPTIONAL_PASSWORD, "pdf: the content is sent as a password-protected PDF (AES-256); the "
                + "password is the rule's, else the one the recipient set on their profile"),
        /** Password-protected ZIP. */
        ZIP("zip", Value.OPTIONAL_PASSWORD, "zip: the content is sent as an AES-256 encrypted ZIP; the password is "
                + "the rule's, else the one the recipient set on their profile"),
        /** PGP only. */
        PGP("pgp", Value.NONE, "PGP only: only a PGP key is looked for and used"),
        /** S/MIME only. */
        SMIME("smime", Value.NONE, "S/MIME only: only an S/MIME certificate is looked for and used");

        private final String keyword;
        private final Value value;
        private final String meaning;

        Kind(String keyword, Value value, String meaning) {
            this.keyword = keyword;
            this.value = value;
            this.meaning = meaning;
        }

        /**
         * The option as the file writes it, e.g. {@code fe}.
         *
         * @return the keyword, lower case
         */
        public String keyword() {
            return keyword;
        }

        /**
         * What may follow the keyword after {@code :}.
         *
         * @return the value form
         */
        public Value value() {
            return value;
        }

        /**
         * What the option does, in plain words.
         *
         * @return the meaning
         */
        public String meaning() {
            return meaning;
        }

        /**
         * The option a keyword names, ignoring case.
         *
         * @param keyword e.g. {@code FE}
         * @return the kind, or empty if none has that keyword
         */
        public static Optional<Kind> find(String keyword) {
            String lower = keyword.toLowerCase(Locale.ROOT);
            for (Kind kind : values()) {
                if (kind.keyword.equals(lower)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * An option without value.
     *
     * @param kind an option whose {@link Kind#value()} is {@link Value#NONE}
     */
    record Flag(Kind kind) implements RuleOption {

        /** Validates. */
        public Flag {
            Objects.requireNonNull(kind, "kind");
            if (kind.value() != Value.NONE) {
                throw new IllegalArgumentException(kind.keyword() + " is not an option without value");
            }
        }

        @Override
        public String render(SecretDisplay display) {
            return kind.keyword();
        }
    }

    /**
     * {@code fs} or {@code fs:ADDRESS}: must sign, with the key of the given address if there is one.
     *
     * @param signer whose key signs; empty: the From address's
     */
    record ForceSign(Optional<EmailAddress> signer) implements RuleOption {

        /** Validates. */
        public ForceSign {
            Objects.requireNonNull(signer, "signer");
        }

        @Override
        public Kind kind() {
            return Kind.FS;
        }

        @Override
        public String render(SecretDisplay display) {
            return signer.map(address -> "fs:" + address.value()).orElse("fs");
        }

        @Override
        public String meaning() {
            return signer.map(address -> "fs: force sign: the mail must be signed with the key of " + address.value()
                    + "; it is never sent unsigned").orElse(RuleOption.super.meaning());
        }
    }

    /**
     * {@code comment:TEXT}.
     *
     * @param text the comment: not empty, no blanks at either end, no {@code ;} or control characters
     */
    record Comment(String text) implements RuleOption {

        /** Validates. */
        public Comment {
            Objects.requireNonNull(text, "text");
            if (text.isEmpty() || !text.equals(text.strip()) || text.chars().anyMatch(c -> c == ';' || c < 0x20
                    || c == 0x7f)) {
                throw new IllegalArgumentException("a comment is not empty, has no blanks at either end and no ';'"
                        + " or control characters");
            }
        }

        @Override
        public Kind kind() {
            return Kind.COMMENT;
        }

        @Override
        public String render(SecretDisplay display) {
            return "comment:" + text;
        }

        @Override
        public String meaning() {
            return "comment: \"" + text + "\" (no effect on the mail)";
        }
    }

    /**
     * {@code swm}, {@code pdf} or {@code zip}, each with an optional password.
     *
     * @param kind     {@code SWM}, {@code PDF} or {@code ZIP}
     * @param password the rule's password; empty if the option has none. Not empty: no blanks at either end, no
     *                 {@code ;} or control characters
     */
    record Protected(Kind kind, Secret password) implements RuleOption {

        /** Validates. */
        public Protected {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(password, "password");
            if (kind.value() != Value.OPTIONAL_PASSWORD) {
                throw new IllegalArgumentException(kind.keyword() + " takes no password");
            }
            String value = password.reveal();
            if (!value.equals(value.strip()) || value.chars().anyMatch(c -> c == ';' || c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("a rule's password has no blanks at either end and no ';' or"
                        + " control characters");
            }
        }

        @Override
        public String render(SecretDisplay display) {
            return password.isEmpty() ? kind.keyword() : kind.keyword() + ":" + display.show(password.reveal());
        }

        @Override
        public String meaning() {
            return RuleOption.super.meaning() + (password.isEmpty() ? "" : " (the rule sets a password)");
        }
    }
}
