package io.mailseal.ca;

import io.mailseal.crypto.CryptoRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The small pieces every builder of this package shares: key generation on the JDK, signers on the private Bouncy
 * Castle provider, random serials, key identifiers, PEM text. Stateless; thread-safe.
 */
final class X509Parts {

    /**
     * Mailseal's own OID arc, derived from a UUID (ITU-T X.667: {@code 2.25.<uuid as integer>}), so no registration
     * is needed. {@code .1.1} marks personal, {@code .1.2} team mailbox certificates (docs/adr/0009).
     */
    static final String MAILSEAL_ARC = "2.25.19147943874169198084819282099486860198";
    static final ASN1ObjectIdentifier PERSONAL_POLICY = new ASN1ObjectIdentifier(MAILSEAL_ARC + ".1.1");
    static final ASN1ObjectIdentifier TEAM_POLICY = new ASN1ObjectIdentifier(MAILSEAL_ARC + ".1.2");

    private X509Parts() {
    }

    /**
     * A positive serial of 128 random bits (RFC 5280 allows up to 20 octets; the S/MIME baseline asks for at least 64
     * bits from a CSPRNG).
     */
    static BigInteger randomSerial(SecureRandom random) {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    static KeyPair generate(String algorithm, int bits, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if ("RSA".equals(algorithm)) {
                generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
            } else {
                generator.initialize(new ECGenParameterSpec(bits == 384 ? "secp384r1" : "secp256r1"), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CaException(CaException.Code.KEY_GENERATION_FAILED,
                    "cannot generate a " + algorithm + " " + bits + " key pair: " + e.getMessage(), e);
        }
    }

    /** The signature algorithm for a CA key: SHA-256 with RSA; ECDSA with the hash that matches the curve. */
    static String signatureAlgorithm(PrivateKey key) {
        if (key instanceof ECKey ec) {
            int field = ec.getParams().getCurve().getField().getFieldSize();
            return field > 384 ? "SHA512withECDSA" : field > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        return "SHA256withRSA";
    }

    static ContentSigner signer(PrivateKey key, CryptoRuntime crypto) {
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm(key)).setProvider(crypto.bouncyCastle())
                    .setSecureRandom(crypto.random()).build(key);
        } catch (OperatorCreationException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "cannot sign with the " + key.getAlgorithm()
                    + " key: " + e.getMessage(), e);
        }
    }

    static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "no SHA-1 for key identifiers: " + e.getMessage(),
                    e);
        }
    }

    static SubjectKeyIdentifier subjectKeyId(PublicKey key) {
        return extensionUtils().createSubjectKeyIdentifier(key);
    }

    static AuthorityKeyIdentifier authorityKeyId(X509Certificate issuer) {
        try {
            return extensionUtils().createAuthorityKeyIdentifier(issuer);
        } catch (GeneralSecurityException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "cannot read the key identifier of "
                    + issuer.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }

    static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "cannot read back a certificate: " + e.getMessage(),
                    e);
        }
    }

    static X509Certificate certificate(X509CertificateHolder holder) {
        try {
            return certificate(holder.getEncoded());
        } catch (IOException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "cannot encode a certificate: " + e.getMessage(), e);
        }
    }

    /** Whole seconds: X.509 times have no fractions, and records compare equal after a round trip. */
    static Date date(Instant instant) {
        return Date.from(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
