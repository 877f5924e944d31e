package io.mailseal.ca;

/** Why {@link CertificateAuthority#revoke} revoked nothing. */
public enum RevokeRefusal {
    /** This CA never issued a certificate with that serial. */
    UNKNOWN_SERIAL,
    /** The certificate is revoked already (the first revocation stands). */
    ALREADY_REVOKED
}
