package io.mailseal.ca;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the {@link CertificateArchive}: an issued certificate, its private key as sealed text, and its
 * revocation if it was revoked.
 *
 * <p>Immutable value, thread-safe. {@link #toString()} leaves the sealed key out.
 *
 * @param certificate the issued certificate; not null
 * @param sealedKey   the PKCS#8 private key, sealed by the plugin's {@link io.mailseal.settings.SecretCodec} under
 *                    the field {@code ca.archive.<serial hex>.key}; not blank
 * @param revocation  the revocation, or null while the certificate is not revoked
 */
public record ArchivedCertificate(IssuedCertificate certificate, String sealedKey, Revocation revocation) {

    /** Validates the values. */
    public ArchivedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(sealedKey, "sealedKey");
        if (sealedKey.isBlank()) {
            throw new IllegalArgumentException("sealedKey is blank for serial " + certificate.serialHex());
        }
        if (revocation != null && !revocation.serial().equals(certificate.serial())) {
            throw new IllegalArgumentException("revocation of " + revocation.serial().toString(16)
                    + " does not belong to certificate " + certificate.serialHex());
        }
    }

    /**
     * The serial number.
     *
     * @return the certificate's serial
     */
    public BigInteger serial() {
        return certificate.serial();
    }

    /**
     * The revocation, if any.
     *
     * @return the revocation or empty
     */
    public Optional<Revocation> findRevocation() {
        return Optional.ofNullable(revocation);
    }

    /**
     * Whether the certificate is live at a time: not revoked and inside its validity period.
     *
     * @param at the time
     * @return true if live
     */
    public boolean liveAt(Instant at) {
        return revocation == null && !at.isBefore(certificate.notBefore()) && at.isBefore(certificate.notAfter());
    }

    /**
     * The same entry, revoked.
     *
     * @param revocation the revocation; not null
     * @return the revoked entry
     */
    public ArchivedCertificate revoked(Revocation revocation) {
        return new ArchivedCertificate(certificate, sealedKey, Objects.requireNonNull(revocation, "revocation"));
    }

    /** Without the sealed key. */
    @Override
    public String toString() {
        return "ArchivedCertificate[" + certificate + ", revocation=" + revocation + "]";
    }
}
