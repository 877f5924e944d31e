package io.mailseal.ca;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A signed certificate revocation list, DER encoded, ready for the plugin to serve at the CRL URL with
 * {@code Content-Type: application/pkix-crl}.
 *
 * <p>Immutable value, thread-safe ({@link #der()} returns a copy).
 *
 * @param der        the DER encoding
 * @param number     the cRLNumber extension; increases with every CRL
 * @param thisUpdate when it was signed
 * @param nextUpdate when the next CRL is due at the latest
 * @param entries    how many revoked certificates it lists
 */
public record Crl(byte[] der, BigInteger number, Instant thisUpdate, Instant nextUpdate, int entries) {

    /** Validates the values and copies the bytes. */
    public Crl {
        der = Objects.requireNonNull(der, "der").clone();
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
    }

    /**
     * The DER encoding.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] der() {
        return der.clone();
    }

    /**
     * The CRL as PEM text ({@code -----BEGIN X509 CRL-----}).
     *
     * @return the PEM text
     */
    public String pem() {
        return X509Parts.pem("X509 CRL", der);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Crl crl && Arrays.equals(der, crl.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "Crl[number=" + number + ", thisUpdate=" + thisUpdate + ", nextUpdate=" + nextUpdate + ", entries="
                + entries + "]";
    }
}
