package io.mailseal.ca;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The minimum strength of a passphrase that protects an exported private key: at least {@value #MIN_LENGTH}
 * characters (Unicode code points), at least {@value #MIN_DISTINCT} different characters, and not containing the
 * mailbox's local part (case ignored). Length is what matters against guessing (NIST SP 800-63B); the other two rules
 * only stop the obvious ("aaaaaaaaaaaa", "alice.alice.alice").
 *
 * <p>Stateless; thread-safe.
 */
public final class PassphrasePolicy {

    /** The minimum length in characters. */
    public static final int MIN_LENGTH = 12;
    /** The minimum number of different characters. */
    public static final int MIN_DISTINCT = 5;

    private PassphrasePolicy() {
    }

    /**
     * Checks a passphrase.
     *
     * @param passphrase the passphrase; not null, not kept
     * @param localPart  the local part of the address the key belongs to, or null
     * @return the verdict with every rule it breaks
     */
    public static Verdict check(char[] passphrase, String localPart) {
        Objects.requireNonNull(passphrase, "passphrase");
        List<String> problems = new ArrayList<>();
        String text = new String(passphrase);
        long length = text.codePoints().count();
        if (length < MIN_LENGTH) {
            problems.add("the passphrase has " + length + " characters; at least " + MIN_LENGTH + " are needed");
        }
        if (text.codePoints().distinct().count() < MIN_DISTINCT) {
            problems.add("the passphrase needs at least " + MIN_DISTINCT + " different characters");
        }
        if (localPart != null && localPart.length() >= 3
                && text.toLowerCase(Locale.ROOT).contains(localPart.toLowerCase(Locale.ROOT))) {
            problems.add("the passphrase must not contain the address");
        }
        return new Verdict(problems);
    }

    /**
     * The outcome of a check; never holds the passphrase.
     *
     * @param problems every rule the passphrase breaks, in plain words; empty if it is acceptable
     */
    public record Verdict(List<String> problems) {

        /** Copies the problems. */
        public Verdict {
            problems = List.copyOf(problems);
        }

        /**
         * Whether the passphrase is acceptable.
         *
         * @return true if no rule is broken
         */
        public boolean acceptable() {
            return problems.isEmpty();
        }
    }
}
