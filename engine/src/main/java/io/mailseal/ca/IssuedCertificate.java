package io.mailseal.ca;

import io.mailseal.keys.EmailAddress;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate the CA issued, with what it was issued for (public data only; the private key travels in a
 * {@link CertifiedKey} and rests sealed in the {@link CertificateArchive}).
 *
 * <p>Immutable value; thread-safe as long as nobody mutates the certificate object (nothing here does).
 *
 * @param certificate the certificate; not null
 * @param address     the mailbox in its subjectAltName; not null
 * @param holder      the person or team it names; not null
 * @param keySpec     the key type; not null
 * @param issuedAt    when it was created (the billable transaction's time); not null
 */
public record IssuedCertificate(X509Certificate certificate, EmailAddress address, Holder holder, KeySpec keySpec,
                                Instant issuedAt) {

    /** Validates the values. */
    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(keySpec, "keySpec");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /**
     * The serial number.
     *
     * @return the certificate's serial; positive
     */
    public BigInteger serial() {
        return certificate.getSerialNumber();
    }

    /**
     * The end of the validity period.
     *
     * @return the certificate's notAfter
     */
    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /**
     * The start of the validity period.
     *
     * @return the certificate's notBefore
     */
    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    /**
     * The serial as lower-case hex, as openssl and the reports show it.
     *
     * @return e.g. {@code 5f1c...}
     */
    public String serialHex() {
        return serial().toString(16);
    }

    @Override
    public String toString() {
        return "IssuedCertificate[serial=" + serialHex() + ", address=" + address + ", holder=" + holder
                + ", keySpec=" + keySpec + ", notAfter=" + notAfter() + "]";
    }
}
