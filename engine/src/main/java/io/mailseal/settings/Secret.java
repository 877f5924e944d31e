package io.mailseal.settings;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A secret setting (an LDAP bind password, a key passphrase). Its {@link #toString()} never shows the value, so a
 * secret cannot leak into a log line or an error message by accident; code that needs the value calls
 * {@link #reveal()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Secret {

    private static final Secret EMPTY = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a secret value.
     *
     * @param value the value; null gives the empty secret
     * @return the secret
     */
    public static Secret of(String value) {
        return value == null || value.isEmpty() ? EMPTY : new Secret(value);
    }

    /**
     * The empty secret (no password set).
     *
     * @return the empty secret
     */
    public static Secret empty() {
        return EMPTY;
    }

    /**
     * The value, for the one place that needs it (a bind, a key decryption).
     *
     * @return the value; empty if none is set
     */
    public String reveal() {
        return value;
    }

    /**
     * Whether a value is set.
     *
     * @return true if the secret is empty
     */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                secret.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return Objects.hash(value.length());
    }

    /** Never the value: "(empty)" or "********". */
    @Override
    public String toString() {
        return value.isEmpty() ? "(empty)" : "********";
    }
}
