package io.mailseal.crypto.smime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An S/MIME signing identity: the private key, its certificate and the issuer chain to include in signatures.
 *
 * <p>Immutable value; thread-safe as long as nobody mutates the JDK objects (they are not mutated here).
 *
 * @param key         the private key, RSA or EC; not null
 * @param certificate the certificate of that key; not null
 * @param chain       the issuer certificates, nearest first (intermediates; a root may be included); possibly empty,
 *                    never null
 */
public record SigningIdentity(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {

    /** Validates the values and copies the chain. */
    public SigningIdentity {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
    }

    /**
     * Reads the first private key entry of a PKCS#12 file (as exported by OpenSSL, Windows or a browser) with its
     * certificate chain. Never throws for bad input: every problem comes back as a {@link Pkcs12Result.Failed}.
     *
     * @param p12      the file's bytes; not null
     * @param password the password (used for integrity and key decryption); not null, not kept
     * @return the identity, or the problem
     */
    public static Pkcs12Result fromPkcs12(byte[] p12, char[] password) {
        Objects.requireNonNull(p12, "p12");
        Objects.requireNonNull(password, "password");
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(p12), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                return new Pkcs12Result.Failed(Pkcs12Problem.WRONG_PASSWORD,
                        "the password does not open the PKCS#12 file");
            }
            return new Pkcs12Result.Failed(Pkcs12Problem.NOT_PKCS12, "not a readable PKCS#12 file: " + e.getMessage());
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Pkcs12Result.Failed(Pkcs12Problem.NOT_PKCS12, "not a readable PKCS#12 file: " + e.getMessage());
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                PrivateKey key;
                try {
                    key = (PrivateKey) store.getKey(alias, password);
                } catch (UnrecoverableKeyException e) {
                    return new Pkcs12Result.Failed(Pkcs12Problem.WRONG_PASSWORD,
                            "the password does not open the private key '" + alias + "'");
                }
                if (key == null) {
                    continue;
                }
                if (!"RSA".equals(key.getAlgorithm()) && !"EC".equals(key.getAlgorithm())) {
                    return new Pkcs12Result.Failed(Pkcs12Problem.UNSUPPORTED_KEY,
                            "the private key '" + alias + "' is " + key.getAlgorithm() + ", not RSA or EC");
                }
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
                    return new Pkcs12Result.Failed(Pkcs12Problem.NO_CERTIFICATE,
                            "the private key '" + alias + "' has no X.509 certificate");
                }
                List<X509Certificate> issuers = new ArrayList<>();
                for (int i = 1; i < chain.length; i++) {
                    if (chain[i] instanceof X509Certificate issuer) {
                        issuers.add(issuer);
                    }
                }
                return new Pkcs12Result.Loaded(new SigningIdentity(key, (X509Certificate) chain[0], issuers));
            }
        } catch (GeneralSecurityException e) {
            return new Pkcs12Result.Failed(Pkcs12Problem.NOT_PKCS12,
                    "cannot read the entries of the PKCS#12 file: " + e.getMessage());
        }
        return new Pkcs12Result.Failed(Pkcs12Problem.NO_KEY_ENTRY, "the PKCS#12 file holds no private key");
    }
}
