package io.mailseal.ca;

import io.mailseal.crypto.CryptoRuntime;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Writes a {@link CertifiedKey} as a PKCS#12 file (certificate, private key, issuer chain) protected with a
 * passphrase the user or admin chooses, after checking it against the {@link PassphrasePolicy}.
 *
 * <p>{@link Protection#MODERN} (the default) follows OpenSSL 3's defaults: key and certificates in PBES2 with PBKDF2
 * (HMAC-SHA256) and AES-256-CBC, integrity by an HMAC-SHA256 MAC; {@value #ITERATIONS} iterations (the JDK's
 * default, above OpenSSL's 2048). {@link Protection#LEGACY} writes 3DES and an SHA-1 MAC for readers that know
 * nothing newer: gpgsm 2.2 (Debian 12) and Windows before 10 1709; its salts are drawn so that gpgsm 2.2's flawed
 * key derivation gets the right key too ({@link GpgsmKdfQuirk}).
 *
 * <p>Built with Bouncy Castle's PKCS#12 builder on the private provider instance. Thread-safe: stateless besides the
 * immutable runtime.
 */
public final class Pkcs12Export {

    /** PBKDF2 and MAC iterations. */
    public static final int ITERATIONS = 10_000;
    /** Salts to draw for LEGACY before giving up; one in about a hundred is unsuitable ({@link GpgsmKdfQuirk}). */
    private static final int LEGACY_SALT_ATTEMPTS = 64;

    private final CryptoRuntime crypto;

    /**
     * Creates the exporter.
     *
     * @param crypto the runtime (Bouncy Castle provider and randomness); not null
     */
    public Pkcs12Export(CryptoRuntime crypto) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    /** How the PKCS#12 file is protected. */
    public enum Protection {
        /** PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC, HMAC-SHA256 MAC (OpenSSL 3's default); the default. */
        MODERN,
        /** pbeWithSHAAnd3-KeyTripleDES-CBC, HMAC-SHA1 MAC, for gpgsm 2.2 and old Windows. */
        LEGACY
    }

    /**
     * Exports a key with {@link Protection#MODERN}.
     *
     * @param key        the certificate, key and chain; not null
     * @param passphrase the passphrase; not null, not kept (the caller wipes it)
     * @return the file, or the passphrase's problems
     */
    public ExportResult export(CertifiedKey key, char[] passphrase) {
        return export(key, passphrase, Protection.MODERN);
    }

    /**
     * Exports a key.
     *
     * @param key        the certificate, key and chain; not null
     * @param passphrase the passphrase; not null, not kept (the caller wipes it)
     * @param protection the algorithms; not null
     * @return the file, or the passphrase's problems
     */
    public ExportResult export(CertifiedKey key, char[] passphrase, Protection protection) {
        Objects.requireNonNull(key, "key");
        return export(key.certificate().certificate(), key.privateKey(), key.chain(),
                key.certificate().holder().commonName() + " <" + key.certificate().address() + ">",
                key.certificate().address().localPart(), "serial " + key.certificate().serialHex(), passphrase,
                protection);
    }

    /**
     * Exports a certificate and its private key that did not come from this CA's archive (a managed key: issued by
     * the CA and kept by the USE sync, or imported from the share).
     *
     * @param certificate  the certificate; not null
     * @param privateKey   its private key; not null
     * @param chain        the issuer certificates, nearest first; may be empty
     * @param friendlyName the name the file shows for certificate and key; not null
     * @param localPart    the local part of the key's address, for the passphrase check; may be null
     * @param passphrase   the passphrase; not null, not kept (the caller wipes it)
     * @param protection   the algorithms; not null
     * @return the file, or the passphrase's problems
     */
    public ExportResult export(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain,
                               String friendlyName, String localPart, char[] passphrase, Protection protection) {
        Objects.requireNonNull(certificate, "certificate");
        return export(certificate, privateKey, chain, friendlyName, localPart,
                "serial " + certificate.getSerialNumber().toString(16), passphrase, protection);
    }

    private ExportResult export(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain,
                                String friendlyName, String localPart, String subject, char[] passphrase,
                                Protection protection) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "privateKey");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(friendlyName, "friendlyName");
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(protection, "protection");
        PassphrasePolicy.Verdict verdict = PassphrasePolicy.check(passphrase, localPart);
        if (!verdict.acceptable()) {
            return new ExportResult.Refused(verdict);
        }
        SubjectKeyIdentifier localKeyId = X509Parts.subjectKeyId(certificate.getPublicKey());
        try {
            List<PKCS12SafeBag> certificates = new ArrayList<>();
            PKCS12SafeBagBuilder own = new JcaPKCS12SafeBagBuilder(certificate);
            own.addBagAttribute(PKCS12SafeBag.friendlyNameAttribute, new DERBMPString(friendlyName));
            own.addBagAttribute(PKCS12SafeBag.localKeyIdAttribute, localKeyId);
            certificates.add(own.build());
            for (X509Certificate issuer : chain) {
                certificates.add(new JcaPKCS12SafeBagBuilder(issuer).build());
            }
            PKCS12SafeBagBuilder privateKey = new JcaPKCS12SafeBagBuilder(key, encryptor(protection, passphrase));
            privateKey.addBagAttribute(PKCS12SafeBag.friendlyNameAttribute, new DERBMPString(friendlyName));
            privateKey.addBagAttribute(PKCS12SafeBag.localKeyIdAttribute, localKeyId);

            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(encryptor(protection, passphrase), certificates.toArray(PKCS12SafeBag[]::new));
            pfx.addData(privateKey.build());
            JcePKCS12MacCalculatorBuilder mac = new JcePKCS12MacCalculatorBuilder(
                    protection == Protection.MODERN ? NISTObjectIdentifiers.id_sha256 : OIWObjectIdentifiers.idSHA1)
                    .setProvider(crypto.bouncyCastle());
            mac.setIterationCount(ITERATIONS);
            return new ExportResult.Exported(pfx.build(mac, passphrase).getEncoded("DER"));
        } catch (IOException | PKCSException | OperatorCreationException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "cannot write the PKCS#12 file for " + subject,
                    e);
        }
    }

    private OutputEncryptor encryptor(Protection protection, char[] passphrase) throws OperatorCreationException {
        if (protection == Protection.MODERN) {
            return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                    .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                    .setProvider(crypto.bouncyCastle()).setRandom(crypto.random()).setIterationCount(ITERATIONS)
                    .build(passphrase);
        }
        JcePKCSPBEOutputEncryptorBuilder builder = new JcePKCSPBEOutputEncryptorBuilder(legacyCipher())
                .setProvider(crypto.bouncyCastle()).setRandom(crypto.random()).setIterationCount(ITERATIONS);
        for (int attempt = 0; attempt < LEGACY_SALT_ATTEMPTS; attempt++) {
            OutputEncryptor encryptor = builder.build(passphrase);
            byte[] salt = PKCS12PBEParams.getInstance(encryptor.getAlgorithmIdentifier().getParameters()).getIV();
            if (GpgsmKdfQuirk.derivesTheSameKey(salt, passphrase, ITERATIONS)) {
                return encryptor;
            }
        }
        throw new CaException(CaException.Code.SIGNING_FAILED, "no salt in " + LEGACY_SALT_ATTEMPTS
                + " attempts suits gpgsm's key derivation", null);
    }

    private static ASN1ObjectIdentifier legacyCipher() {
        return PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC;
    }
}
