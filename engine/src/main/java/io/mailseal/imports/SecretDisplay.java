package io.mailseal.imports;

/**
 * Whether rendering a line of an import file shows its secrets (a passphrase, a rule's password) or masks them.
 */
public enum SecretDisplay {
    /** Shows the value: only for writing the file itself (export, a round trip). */
    REVEAL,
    /** Shows {@code ********} instead: for reports, logs and screens. */
    MASK;

    /** The text shown for a masked secret. */
    public static final String MASKED = "********";

    /**
     * The value as this display shows it.
     *
     * @param value the secret's value
     * @return the value, or {@link #MASKED}
     */
    public String show(String value) {
        return this == REVEAL ? value : MASKED;
    }
}
