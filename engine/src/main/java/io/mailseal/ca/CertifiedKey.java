package io.mailseal.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A freshly issued (or recovered) certificate with its private key and the issuer chain: what the managed key store
 * keeps and what {@link Pkcs12Export} writes for a user.
 *
 * <p>Immutable value; thread-safe. {@link #toString()} never shows the key.
 *
 * @param certificate the issued certificate; not null
 * @param privateKey  its private key; not null
 * @param chain       the issuer certificates, nearest first (the issuing CA, then its issuers); never null
 */
public record CertifiedKey(IssuedCertificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

    /** Validates the values and copies the chain. */
    public CertifiedKey {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
    }

    /** The certificate only; never the key. */
    @Override
    public String toString() {
        return "CertifiedKey[" + certificate + ", privateKey=(hidden), chain=" + chain.size() + "]";
    }
}
