package io.mailseal.crypto.pgp;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RecipientKey;
import io.mailseal.settings.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.PGPKeyPairGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPairGeneratorProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * Makes OpenPGP v4 keys for the USE sync: a primary key that certifies and signs, and one encryption subkey, both
 * bound to one user ID {@code Name (Comment) <address>} and expiring after the given number of years.
 *
 * <ul>
 *   <li>RSA: both key pairs from the JDK's own provider ({@code KeyPairGenerator "RSA"} of {@code SunRsaSign}, about
 *       twice as fast as Bouncy Castle's), wrapped with Bouncy Castle's OpenPGP API;</li>
 *   <li>Ed25519: legacy EdDSA (algorithm 22) primary and legacy X25519 ECDH (18) subkey with Bouncy Castle's
 *       lightweight API, the form GnuPG 2.2 reads (never the RFC 9580 IDs 27/25, never v6).</li>
 * </ul>
 * No DSA/ElGamal: Bouncy Castle's OpenPGP policy, which Mailseal's key rules apply, accepts neither (RFC 9580
 * deprecates them), so such a key could never be used to encrypt.
 *
 * <p>Every signature is made at the key's creation time (the injected clock's), never the wall clock's. Preferences: AES-256, AES-192, AES-128; SHA-512, SHA-384, SHA-256; feature MDC (SEIPD v1). The secret key comes
 * back unprotected, ASCII-armored, as a {@link Secret}: the caller seals it before storing it.
 *
 * <p>Never registers a provider and never names one: JDK providers are found as objects. Thread-safe and
 * stateless apart from the runtime's randomness; each call takes about 1.3 s for RSA-4096, well under 0.1 s for
 * Ed25519 and RSA-2048 takes about 0.15 s on a small VM.
 */
public final class PgpKeyGenerator {

    /** The key algorithms. */
    public enum Algorithm {
        /** RSA primary and RSA encryption subkey of the same size. */
        RSA,
        /** Ed25519 primary and X25519 encryption subkey; fixed size. */
        ED25519
    }

    /**
     * What key to make.
     *
     * @param address       the user ID's address; not null
     * @param name          the user ID's name; not blank
     * @param comment       the user ID's comment; empty: none
     * @param algorithm     the algorithm; not null
     * @param bits          the size for RSA (1024 to 4096); ignored for Ed25519
     * @param validityYears 1 to 10: the key and its subkey expire that many years after creation
     */
    public record Spec(EmailAddress address, String name, Optional<String> comment, Algorithm algorithm, int bits,
                       int validityYears) {

        /** Validates. */
        public Spec {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            Objects.requireNonNull(comment, "comment");
            Objects.requireNonNull(algorithm, "algorithm");
            if (algorithm == Algorithm.RSA && (bits < 1024 || bits > 4096)) {
                throw new IllegalArgumentException(algorithm + " key of " + bits + " bits is not possible");
            }
            if (validityYears < 1 || validityYears > 10) {
                throw new IllegalArgumentException("validity must be 1 to 10 years: " + validityYears);
            }
        }

        /**
         * The user ID: {@code Name (Comment) <address>}.
         *
         * @return the user ID
         */
        public String userId() {
            return name + comment.map(text -> " (" + text + ")").orElse("") + " <" + address.value() + ">";
        }
    }

    /**
     * A generated key.
     *
     * @param fingerprint the primary key's fingerprint, upper-case hex
     * @param userId      the user ID
     * @param created     the creation time (whole seconds)
     * @param expires     when the key expires
     * @param publicKey   the transferable public key, binary
     * @param secretKey   the transferable secret key, ASCII-armored, unprotected: seal it before storing
     */
    public record Generated(String fingerprint, String userId, Instant created, Instant expires, byte[] publicKey,
                            Secret secretKey) {

        /** Validates and copies. */
        public Generated {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(expires, "expires");
            publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
            Objects.requireNonNull(secretKey, "secretKey");
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        /** The fingerprint and user ID; never the secret key. */
        @Override
        public String toString() {
            return "Generated[" + fingerprint + ", " + userId + ", expires " + expires + "]";
        }
    }

    private final CryptoRuntime crypto;
    private final Clock clock;
    private final Provider rsaProvider;

    /**
     * Creates the generator and finds the JDK's RSA provider ({@code SunRsaSign}) among the installed providers, as an
     * object: never by name, so a host's own provider of the same name cannot stand in.
     *
     * @param crypto the runtime (randomness); not null
     * @param clock  the keys' creation time; not null
     * @throws IllegalStateException if the JVM has no JDK provider of RSA key pairs
     */
    public PgpKeyGenerator(CryptoRuntime crypto, Clock clock) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rsaProvider = jdkRsaProvider();
    }

    /** The first installed JDK provider (found as an object, never by name) that generates RSA key pairs. */
    private static Provider jdkRsaProvider() {
        for (Provider candidate : Security.getProviders()) {
            if (CryptoRuntime.isJdkProvider(candidate) && candidate.getService("KeyPairGenerator", "RSA") != null) {
                return candidate;
            }
        }
        throw new IllegalStateException("this JVM has no JDK provider of RSA key pairs (SunRsaSign)");
    }

    /**
     * Makes a key.
     *
     * @param spec what key
     * @return the key
     * @throws PgpException if the key cannot be made (a provider failure)
     */
    public Generated generate(Spec spec) {
        Objects.requireNonNull(spec, "spec");
        Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = created.atOffset(ZoneOffset.UTC).plusYears(spec.validityYears()).toInstant();
        Date date = Date.from(created);
        try {
            PGPKeyPair primary;
            PGPKeyPair encryption;
            switch (spec.algorithm()) {
                case RSA -> {
                    primary = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL,
                            jdkKeyPair("RSA", rsaProvider, spec.bits()), date);
                    encryption = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL,
                            jdkKeyPair("RSA", rsaProvider, spec.bits()), date);
                }
                case ED25519 -> {
                    PGPKeyPairGenerator generator = new BcPGPKeyPairGeneratorProvider()
                            .setSecureRandom(crypto.random()).get(PublicKeyPacket.VERSION_4, date);
                    primary = generator.generateLegacyEd25519KeyPair();
                    encryption = generator.generateLegacyX25519KeyPair();
                }
                default -> throw new IllegalStateException("unhandled algorithm " + spec.algorithm());
            }
            return ring(spec, primary, encryption, created, expires);
        } catch (PGPException | GeneralSecurityException | IOException e) {
            throw new PgpException(PgpException.Code.KEY_GENERATION_FAILED, "cannot make a " + spec.algorithm() + " key for " + spec.address().value() + ": "
                    + e.getMessage(), e);
        }
    }

    private KeyPair jdkKeyPair(String algorithm, Provider provider, int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, provider);
        generator.initialize(bits, crypto.random());
        return generator.generateKeyPair();
    }

    private Generated ring(Spec spec, PGPKeyPair primary, PGPKeyPair encryption, Instant created, Instant expires)
            throws PGPException, IOException {
        long lifetime = expires.getEpochSecond() - created.getEpochSecond();
        Date signed = Date.from(created);
        PGPSignatureSubpacketGenerator primaryPackets = new PGPSignatureSubpacketGenerator();
        primaryPackets.setSignatureCreationTime(true, signed);
        primaryPackets.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        primaryPackets.setKeyExpirationTime(true, lifetime);
        primaryPackets.setPrimaryUserID(false, true);
        primaryPackets.setPreferredSymmetricAlgorithms(false, new int[] {SymmetricKeyAlgorithmTags.AES_256,
                SymmetricKeyAlgorithmTags.AES_192, SymmetricKeyAlgorithmTags.AES_128});
        primaryPackets.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA512,
                HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256});
        primaryPackets.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
        primaryPackets.setIssuerFingerprint(false, primary.getPublicKey());
        PGPSignatureSubpacketGenerator subkeyPackets = new PGPSignatureSubpacketGenerator();
        subkeyPackets.setSignatureCreationTime(true, signed);
        subkeyPackets.setKeyFlags(true, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
        subkeyPackets.setKeyExpirationTime(true, lifetime);
        subkeyPackets.setIssuerFingerprint(false, primary.getPublicKey());

        PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
        PGPKeyRingGenerator generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary,
                spec.userId(), sha1, primaryPackets.generate(), null,
                new BcPGPContentSignerBuilder(primary.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256)
                        .setSecureRandom(crypto.random()), null);
        generator.addSubKey(encryption, subkeyPackets.generate(), null);
        PGPPublicKeyRing publicRing = generator.generatePublicKeyRing();
        PGPSecretKeyRing secretRing = generator.generateSecretKeyRing();
        ByteArrayOutputStream armored = new ByteArrayOutputStream();
        try (ArmoredOutputStream out = ArmoredOutputStream.builder().clearHeaders().build(armored)) {
            secretRing.encode(out);
        }
        return new Generated(RecipientKey.Pgp.fingerprint(publicRing.getPublicKey().getFingerprint()),
                spec.userId(), created, expires, publicRing.getEncoded(),
                Secret.of(armored.toString(StandardCharsets.US_ASCII)));
    }
}
