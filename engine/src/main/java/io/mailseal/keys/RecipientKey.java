package io.mailseal.keys;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * A key Mailseal can encrypt to: an S/MIME certificate or an OpenPGP key, already checked against the rules for the
 * recipient's address.
 *
 * <p>Implementations are immutable values and thread-safe (the wrapped Bouncy Castle and JDK objects are not modified
 * after construction).
 */
public sealed interface RecipientKey {

    /**
     * S/MIME or PGP.
     *
     * @return the type; never null
     */
    KeyType type();

    /**
     * The key as the admin sees it.
     *
     * @return the summary; never null
     */
    KeySummary summary();

    /**
     * An X.509 certificate whose public key a message key is wrapped to (RSA key transport or ECDH).
     *
     * @param certificate the recipient's end-entity certificate; not null
     * @param chain       issuer certificates that came with it, nearest first; possibly empty, never null
     */
    record Smime(X509Certificate certificate, List<X509Certificate> chain) implements RecipientKey {

        /** Validates and copies the chain. */
        public Smime {
            Objects.requireNonNull(certificate, "certificate");
            chain = List.copyOf(chain);
        }

        @Override
        public KeyType type() {
            return KeyType.SMIME;
        }

        @Override
        public KeySummary summary() {
            return summaryOf(certificate);
        }

        /**
         * The summary of any certificate.
         *
         * @param certificate the certificate
         * @return its serial (lower-case hex), subject DN and notAfter
         */
        public static KeySummary summaryOf(X509Certificate certificate) {
            return new KeySummary(KeyType.SMIME, certificate.getSerialNumber().toString(16),
                    certificate.getSubjectX500Principal().getName(), certificate.getNotAfter().toInstant());
        }
    }

    /**
     * An OpenPGP v4 certificate (transferable public key) and the encryption subkey chosen for the recipient.
     *
     * @param keyRing               the public key ring as found; not null
     * @param userId                the valid user ID that carries the recipient's address; not null
     * @param encryptionFingerprint upper-case hex fingerprint of the key to encrypt to (the newest valid encryption
     *                              subkey, or the primary key if it is the only encryption-capable key); not null
     * @param expires               when that key or its binding expires; null if never
     */
    record Pgp(PGPPublicKeyRing keyRing, String userId, String encryptionFingerprint, Instant expires)
            implements RecipientKey {

        /** Validates the key. */
        public Pgp {
            Objects.requireNonNull(keyRing, "keyRing");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(encryptionFingerprint, "encryptionFingerprint");
        }

        @Override
        public KeyType type() {
            return KeyType.PGP;
        }

        @Override
        public KeySummary summary() {
            return new KeySummary(KeyType.PGP, fingerprint(keyRing.getPublicKey().getFingerprint()), userId, expires);
        }

        /**
         * An OpenPGP fingerprint as upper-case hex, the way gpg prints it.
         *
         * @param fingerprint the fingerprint bytes
         * @return the hex text
         */
        public static String fingerprint(byte[] fingerprint) {
            return HexFormat.of().withUpperCase().formatHex(fingerprint);
        }
    }
}
