package io.mailseal.ca;

import java.util.Objects;

/**
 * The outcome of {@link CertificateAuthority#revoke}.
 *
 * <p>Immutable values, thread-safe.
 */
public sealed interface RevokeResult {

    /**
     * The certificate is revoked; the next CRL lists it.
     *
     * @param certificate the certificate; not null
     * @param revocation  the recorded revocation; not null
     */
    record Revoked(IssuedCertificate certificate, Revocation revocation) implements RevokeResult {

        /** Validates the values. */
        public Revoked {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(revocation, "revocation");
        }
    }

    /**
     * Nothing was revoked.
     *
     * @param reason why; not null
     * @param detail a sentence for the report, naming the serial; not null
     */
    record Refused(RevokeRefusal reason, String detail) implements RevokeResult {

        /** Validates the values. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
