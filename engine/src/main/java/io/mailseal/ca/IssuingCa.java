package io.mailseal.ca;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.smime.Pkcs12Result;
import io.mailseal.crypto.smime.SigningIdentity;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * The CA that signs Mailseal's certificates: its private key, its certificate and the certificates above it.
 * It comes from an admin's PKCS#12 upload ({@link #fromPkcs12}) or is a private root Mailseal creates
 * ({@link #createPrivateRoot}). The plugin keeps it encrypted at rest (sealed PKCS#12).
 *
 * <p>Immutable value; thread-safe. {@link #toString()} never shows the key.
 *
 * @param privateKey  the CA's private key, RSA or EC; not null
 * @param certificate the CA certificate; not null
 * @param chain       the certificates above it, nearest first; empty for a root
 */
public record IssuingCa(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

    /** keyUsage bit positions as {@link X509Certificate#getKeyUsage()} returns them. */
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;
    /** What the uploaded key signs to show it belongs to the certificate. */
    private static final String CHALLENGE = "Mailseal checks that this key belongs to the CA certificate";

    /** Validates the values and copies the chain. */
    public IssuingCa {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
    }

    /**
     * The CA certificate and the ones above it: the chain issued certificates carry.
     *
     * @return the CA certificate first, then its issuers
     */
    public List<X509Certificate> certificatePath() {
        List<X509Certificate> path = new ArrayList<>();
        path.add(certificate);
        path.addAll(chain);
        return List.copyOf(path);
    }

    /**
     * The CA's subject, for messages.
     *
     * @return the RFC 2253 subject name
     */
    public String name() {
        return certificate.getSubjectX500Principal().getName();
    }

    /**
     * Creates a private root CA: a new key, a self-signed certificate valid 10 years from now with basicConstraints
     * cA=true, pathLen 0 (it signs mailbox certificates only) and keyUsage keyCertSign + cRLSign, both critical.
     *
     * @param keySpec      RSA 3072 or EC P-384; not null
     * @param commonName   the CA's name from the settings, e.g. "Example Corp Mail CA"; not blank
     * @param organization the organization name, or null to leave it out
     * @param now          the start of the validity; not null
     * @param crypto       the runtime (provider, randomness); not null
     * @return the new CA
     */
    public static IssuingCa createPrivateRoot(CaKeySpec keySpec, String commonName, String organization, Instant now,
                                              CryptoRuntime crypto) {
        Objects.requireNonNull(keySpec, "keySpec");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(crypto, "crypto");
        if (commonName == null || commonName.isBlank() || commonName.strip().length() > Holder.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the CA name must be 1 to 64 characters: " + commonName);
        }
        X500NameBuilder names = new X500NameBuilder(BCStyle.INSTANCE);
        if (organization != null && !organization.isBlank()) {
            names.addRDN(BCStyle.O, organization.strip());
        }
        names.addRDN(BCStyle.CN, commonName.strip());
        X500Name name = names.build();
        KeyPair pair = X509Parts.generate(keySpec.algorithm(), keySpec.bits(), crypto.random());
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plusYears(10).toInstant();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                X509Parts.randomSerial(crypto.random()), X509Parts.date(now), X509Parts.date(notAfter), name,
                pair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, X509Parts.subjectKeyId(pair.getPublic()));
        } catch (CertIOException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "cannot add an extension to the CA " + name, e);
        }
        X509Certificate certificate = X509Parts.certificate(
                builder.build(X509Parts.signer(pair.getPrivate(), crypto)));
        return new IssuingCa(pair.getPrivate(), certificate, List.of());
    }

    /**
     * Reads an admin's PKCS#12 upload and checks that it can serve as the issuing CA: a private key entry whose key
     * belongs to its certificate, the certificate a CA (basicConstraints cA=true, keyUsage keyCertSign and cRLSign)
     * and valid at {@code now}. Never throws for bad input: every problem comes back as a finding.
     *
     * @param p12      the file's bytes; not null
     * @param password its password; not null, not kept
     * @param now      the time to check validity at (from the injected clock); not null
     * @return the CA, or every problem found
     */
    public static IssuingCaResult fromPkcs12(byte[] p12, char[] password, Instant now) {
        Objects.requireNonNull(p12, "p12");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(now, "now");
        Pkcs12Result read = SigningIdentity.fromPkcs12(p12, password);
        if (read instanceof Pkcs12Result.Failed failed) {
            return switch (failed.problem()) {
                case NOT_PKCS12 -> rejected(IssuingCaProblem.NOT_PKCS12, failed.detail());
                case WRONG_PASSWORD -> rejected(IssuingCaProblem.WRONG_PASSWORD, failed.detail());
                case NO_KEY_ENTRY -> rejected(IssuingCaProblem.NO_PRIVATE_KEY, "the PKCS#12 file holds no private"
                        + " key, only certificates: export the CA certificate together with its private key");
                case NO_CERTIFICATE -> rejected(IssuingCaProblem.NO_CERTIFICATE, failed.detail());
                case UNSUPPORTED_KEY -> rejected(IssuingCaProblem.UNSUPPORTED_KEY, failed.detail());
            };
        }
        SigningIdentity identity = ((Pkcs12Result.Loaded) read).identity();
        X509Certificate certificate = identity.certificate();
        String subject = "the certificate '" + certificate.getSubjectX500Principal().getName() + "'";
        List<IssuingCaResult.Finding> findings = new ArrayList<>();
        if (!belongsTo(identity.key(), certificate)) {
            findings.add(new IssuingCaResult.Finding(IssuingCaProblem.KEY_MISMATCH,
                    "the private key does not belong to " + subject));
        }
        if (certificate.getBasicConstraints() < 0) {
            findings.add(new IssuingCaResult.Finding(IssuingCaProblem.NOT_A_CA,
                    subject + " is not a CA certificate (basicConstraints cA=true is missing)"));
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage == null) {
            findings.add(new IssuingCaResult.Finding(IssuingCaProblem.MISSING_KEY_USAGE,
                    subject + " has no keyUsage extension (a CA needs keyCertSign and cRLSign)"));
        } else {
            List<String> missing = new ArrayList<>();
            if (usage.length <= KEY_CERT_SIGN || !usage[KEY_CERT_SIGN]) {
                missing.add("keyCertSign");
            }
            if (usage.length <= CRL_SIGN || !usage[CRL_SIGN]) {
                missing.add("cRLSign");
            }
            if (!missing.isEmpty()) {
                findings.add(new IssuingCaResult.Finding(IssuingCaProblem.MISSING_KEY_USAGE,
                        subject + " lacks keyUsage " + String.join(" and ", missing)));
            }
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            findings.add(new IssuingCaResult.Finding(IssuingCaProblem.EXPIRED,
                    subject + " expired on " + certificate.getNotAfter().toInstant()));
        } else if (now.isBefore(certificate.getNotBefore().toInstant())) {
            findings.add(new IssuingCaResult.Finding(IssuingCaProblem.NOT_YET_VALID,
                    subject + " is not valid before " + certificate.getNotBefore().toInstant()));
        }
        if (!findings.isEmpty()) {
            return new IssuingCaResult.Rejected(findings);
        }
        return new IssuingCaResult.Loaded(new IssuingCa(identity.key(), certificate, identity.chain()));
    }

    /** Signs a fixed challenge with the key and verifies it with the certificate's public key. */
    private static boolean belongsTo(PrivateKey key, X509Certificate certificate) {
        if (!key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
            return false;
        }
        try {
            String algorithm = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            byte[] challenge = CHALLENGE.getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static IssuingCaResult rejected(IssuingCaProblem problem, String detail) {
        return new IssuingCaResult.Rejected(List.of(new IssuingCaResult.Finding(problem, detail)));
    }

    /** The certificate only; never the key. */
    @Override
    public String toString() {
        return "IssuingCa[" + name() + ", privateKey=(hidden), chain=" + chain.size() + "]";
    }
}
