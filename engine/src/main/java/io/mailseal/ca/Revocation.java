package io.mailseal.ca;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * A recorded revocation, as it appears in the CRL.
 *
 * <p>Immutable value, thread-safe.
 *
 * @param serial    the revoked certificate's serial; not null
 * @param revokedAt when; not null
 * @param reason    why; not null
 */
public record Revocation(BigInteger serial, Instant revokedAt, RevocationReason reason) {

    /** Validates the values. */
    public Revocation {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(reason, "reason");
    }
}
