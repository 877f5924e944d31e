package io.mailseal.use.sync;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.select.SmimeCertificateRules;
import io.mailseal.keys.source.KeyFileFormat;
import io.mailseal.settings.SecretCodec;
import io.mailseal.settings.Secret;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * Reads the key files of the share into managed keys: public keys (OpenPGP public keys in any format the key store
 * reads, X.509 certificates as PEM, DER or PKCS#7) for every address they carry, and private keys (an OpenPGP
 * secret key, a PKCS#12 file) as signing identities, unlocked with each passphrase in turn. A private key's secret
 * part is stored without its file passphrase, sealed through the {@link SecretCodec}.
 *
 * <p>Expected failures (unreadable file, no address, no passphrase fits) are {@link Imported.Refused} values. Thread-safe
 * and stateless apart from its collaborators.
 */
public final class KeyFileImporter {

    private final KeyFileFormat<PGPPublicKeyRing> pgp;
    private final KeyFileFormat<SmimeCertificateRules.Profile> smime;
    private final SecretCodec codec;

    /**
     * What importing one file gave.
     */
    public sealed interface Imported {

        /**
         * The file's keys, one per key and address.
         *
         * @param keys the keys; at least one
         */
        record Keys(List<ManagedKey> keys) implements Imported {

            /** Copies. */
            public Keys {
                keys = List.copyOf(keys);
            }
        }

        /**
         * Nothing could be imported.
         *
         * @param reason why, naming the file and never a passphrase
         */
        record Refused(String reason) implements Imported {

            /** Validates. */
            public Refused {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /**
     * An importer.
     *
     * @param crypto the runtime (reads BKS and PKCS#7 through the private Bouncy Castle provider)
     * @param codec  seals the secret parts of private keys
     * @param clock  "now" for the key rules used in reading
     */
    public KeyFileImporter(CryptoRuntime crypto, SecretCodec codec, Clock clock) {
        this.pgp = KeyFileFormat.pgp(clock);
        this.smime = KeyFileFormat.smime(crypto, clock);
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Reads a file of the public-key directory.
     *
     * @param file    its name, for messages
     * @param content its bytes
     * @return the keys, or why none
     */
    public Imported importPublic(String file, byte[] content) {
        KeyFileFormat.Parsed<PGPPublicKeyRing> rings = pgp.parse(content);
        List<ManagedKey> keys = new ArrayList<>();
        for (PGPPublicKeyRing ring : rings.keys()) {
            keys.addAll(pgpKeys(ring, Optional.empty()));
        }
        if (rings.keys().isEmpty()) {
            KeyFileFormat.Parsed<SmimeCertificateRules.Profile> certificates = smime.parse(content);
            for (SmimeCertificateRules.Profile profile : certificates.keys()) {
                keys.addAll(certificateKeys(profile.certificate(), Optional.empty()));
            }
            if (certificates.keys().isEmpty()) {
                return new Imported.Refused(file + ": neither OpenPGP public keys (" + rings.error()
                        + ") nor certificates (" + certificates.error() + ")");
            }
        }
        return keys.isEmpty() ? new Imported.Refused(file + ": its keys carry no e-mail address")
                : new Imported.Keys(keys);
    }

    /**
     * Reads a file of the private-key directory: an OpenPGP secret key, else a PKCS#12 file.
     *
     * @param file        its name, for messages
     * @param content     its bytes
     * @param passphrases tried in order; an unprotected OpenPGP key needs none
     * @return the keys (each with its sealed secret part), or why none
     */
    public Imported importPrivate(String file, byte[] content, List<Secret> passphrases) {
        Optional<PGPSecretKeyRing> ring = secretRing(content);
        if (ring.isPresent()) {
            return pgpPrivate(file, ring.get(), passphrases);
        }
        return pkcs12(file, content, passphrases);
    }

    private Imported pgpPrivate(String file, PGPSecretKeyRing ring, List<Secret> passphrases) {
        List<Secret> candidates = new ArrayList<>(passphrases);
        candidates.add(Secret.empty());
        for (Secret passphrase : candidates) {
            PBESecretKeyDecryptor decryptor = new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                    .build(passphrase.reveal().toCharArray());
            if (!unlocks(ring, decryptor)) {
                continue;
            }
            try {
                PGPSecretKeyRing open = PGPSecretKeyRing.copyWithNewPassword(ring, decryptor, null);
                ByteArrayOutputStream armored = new ByteArrayOutputStream();
                try (ArmoredOutputStream out = ArmoredOutputStream.builder().clearHeaders().build(armored)) {
                    open.encode(out);
                }
                List<PGPPublicKey> publicKeys = new ArrayList<>();
                open.getPublicKeys().forEachRemaining(publicKeys::add);
                List<ManagedKey> keys = pgpKeys(new PGPPublicKeyRing(publicKeys),
                        Optional.of(Secret.of(armored.toString(StandardCharsets.US_ASCII))));
                return keys.isEmpty() ? new Imported.Refused(file + ": the key carries no e-mail address")
                        : new Imported.Keys(keys);
            } catch (PGPException | IOException e) {
                return new Imported.Refused(file + ": the OpenPGP secret key cannot be re-encoded: " + e.getMessage());
            }
        }
        return new Imported.Refused(file + ": no passphrase unlocks the OpenPGP secret key" + tried(passphrases));
    }

    private static boolean unlocks(PGPSecretKeyRing ring, PBESecretKeyDecryptor decryptor) {
        for (Iterator<PGPSecretKey> keys = ring.getSecretKeys(); keys.hasNext(); ) {
            PGPSecretKey key = keys.next();
            if (key.isPrivateKeyEmpty()) {
                continue;
            }
            try {
                if (key.extractPrivateKey(decryptor) == null) {
                    return false;
                }
            } catch (PGPException | RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    private Imported pkcs12(String file, byte[] content, List<Secret> passphrases) {
        String lastProblem = "no passphrase to try";
        for (Secret passphrase : passphrases) {
            char[] password = passphrase.reveal().toCharArray();
            KeyStore store;
            try {
                store = KeyStore.getInstance("PKCS12", jdkPkcs12());
                store.load(new ByteArrayInputStream(content), password);
            } catch (IOException | GeneralSecurityException e) {
                lastProblem = e.getCause() instanceof java.security.UnrecoverableKeyException
                        || String.valueOf(e.getMessage()).contains("password")
                        ? "no passphrase opens it" : "not a PKCS#12 file or an OpenPGP secret key";
                continue;
            }
            try {
                List<ManagedKey> keys = new ArrayList<>();
                for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                    String alias = aliases.nextElement();
                    if (!store.isKeyEntry(alias)) {
                        continue;
                    }
                    Key key = store.getKey(alias, password);
                    Certificate certificate = store.getCertificate(alias);
                    if (key instanceof PrivateKey privateKey && certificate instanceof X509Certificate x509) {
                        keys.addAll(certificateKeys(x509, Optional.of(Secret.of(Base64.getEncoder()
                                .encodeToString(privateKey.getEncoded())))));
                    }
                }
                return keys.isEmpty() ? new Imported.Refused(file + ": no private key with a certificate that names"
                        + " an e-mail address") : new Imported.Keys(keys);
            } catch (GeneralSecurityException e) {
                lastProblem = "a key entry cannot be read: " + e.getMessage();
            }
        }
        return new Imported.Refused(file + ": " + lastProblem + tried(passphrases));
    }

    private static String tried(List<Secret> passphrases) {
        return " (tried " + passphrases.size() + " passphrase" + (passphrases.size() == 1 ? "" : "s")
                + ", the admin's default first)";
    }

    /** The JDK's PKCS#12 key store provider, found as an object (a host's provider never stands in). */
    private static java.security.Provider jdkPkcs12() throws java.security.KeyStoreException {
        for (java.security.Provider candidate : java.security.Security.getProviders()) {
            if (CryptoRuntime.isJdkProvider(candidate) && candidate.getService("KeyStore", "PKCS12") != null) {
                return candidate;
            }
        }
        throw new java.security.KeyStoreException("this JVM has no JDK provider of PKCS#12 key stores");
    }

    private List<ManagedKey> pgpKeys(PGPPublicKeyRing ring, Optional<Secret> secret) {
        PGPPublicKey primary = ring.getPublicKey();
        String fingerprint = RecipientKey.Pgp.fingerprint(primary.getFingerprint());
        Instant created = primary.getCreationTime().toInstant();
        Optional<Instant> expires = primary.getValidSeconds() > 0
                ? Optional.of(created.plusSeconds(primary.getValidSeconds())) : Optional.empty();
        byte[] encoded;
        try {
            encoded = ring.getEncoded();
        } catch (IOException e) {
            return List.of();
        }
        Optional<String> sealed = secret.map(value -> codec.seal(ManagedKey.secretField(KeyType.PGP, fingerprint),
                value));
        List<ManagedKey> keys = new ArrayList<>();
        for (EmailAddress address : addresses(pgp.addresses(ring))) {
            keys.add(new ManagedKey(new ManagedKeyStatus(fingerprint, address, KeyType.PGP, ManagedKey.Origin.IMPORTED,
                    created, expires, primary.hasRevocation(), sealed.isPresent()), encoded, sealed));
        }
        return keys;
    }

    private List<ManagedKey> certificateKeys(X509Certificate certificate, Optional<Secret> secret) {
        byte[] der;
        String fingerprint;
        try {
            der = certificate.getEncoded();
            fingerprint = SyncExecutor.fingerprint(der);
        } catch (CertificateEncodingException e) {
            return List.of();
        }
        Optional<String> sealed = secret.map(value -> codec.seal(ManagedKey.secretField(KeyType.SMIME, fingerprint),
                value));
        List<ManagedKey> keys = new ArrayList<>();
        for (EmailAddress address : addresses(SmimeCertificateRules.addresses(certificate))) {
            keys.add(new ManagedKey(new ManagedKeyStatus(fingerprint, address, KeyType.SMIME,
                    ManagedKey.Origin.IMPORTED, certificate.getNotBefore().toInstant(),
                    Optional.of(certificate.getNotAfter().toInstant()), false, sealed.isPresent()), der, sealed));
        }
        return keys;
    }

    private static Set<EmailAddress> addresses(List<String> written) {
        Set<String> seen = new LinkedHashSet<>();
        Set<EmailAddress> addresses = new LinkedHashSet<>();
        for (String text : written) {
            EmailAddress.find(text).filter(address -> seen.add(address.canonical())).ifPresent(addresses::add);
        }
        return addresses;
    }

    private static Optional<PGPSecretKeyRing> secretRing(byte[] content) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(content))) {
            Object object = new BcPGPObjectFactory(in).nextObject();
            return object instanceof PGPSecretKeyRing ring ? Optional.of(ring) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
