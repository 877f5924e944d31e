package io.mailseal.use.sync;

import io.mailseal.use.PgpKeyType;
import java.util.Objects;

/**
 * What a {@code pgp-state} line that leaves a value out gets: the admin's defaults.
 *
 * <p>Immutable and thread-safe. {@link #SPEC}: RSA, 4096 bits, one year (the spec's defaults).
 *
 * @param type          the key type
 * @param rsaBits       the RSA key length, 2048 or 4096 (1024 only where weak keys are allowed)
 * @param validityYears 1 to 10
 */
public record KeyDefaults(PgpKeyType type, int rsaBits, int validityYears) {

    /** The spec's defaults: RSA, 4096 bits, one year. */
    public static final KeyDefaults SPEC = new KeyDefaults(PgpKeyType.RSA, 4096, 1);

    /** Validates. */
    public KeyDefaults {
        Objects.requireNonNull(type, "type");
        if (rsaBits != 1024 && rsaBits != 2048 && rsaBits != 4096) {
            throw new IllegalArgumentException("rsaBits must be 1024, 2048 or 4096: " + rsaBits);
        }
        if (validityYears < 1 || validityYears > 10) {
            throw new IllegalArgumentException("validityYears must be 1 to 10: " + validityYears);
        }
    }
}
