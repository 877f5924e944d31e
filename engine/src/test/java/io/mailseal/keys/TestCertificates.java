package io.mailseal.keys;

import io.mailseal.crypto.CryptoRuntime;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds self-signed S/MIME certificates for unit tests, with exactly the properties a test needs. Test identities
 * that must be read by real clients live in the testkit; these are for rule and format tests inside the engine.
 */
public final class TestCertificates {

    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static final AtomicLong SERIAL = new AtomicLong(1000);
    private static KeyPair rsa2048;

    private String dn;
    private String email;
    private Instant notBefore = Instant.parse("2025-01-01T00:00:00Z");
    private Instant notAfter = Instant.parse("2035-01-01T00:00:00Z");
    private Integer keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
    private KeyPurposeId[] extendedKeyUsage = {KeyPurposeId.id_kp_emailProtection};
    private boolean ca;
    private KeyPair keyPair;
    private String signatureAlgorithm = "SHA256withRSA";

    private TestCertificates(String dn) {
        this.dn = dn;
    }

    /**
     * Starts a certificate for an address: RSA 2048, SAN rfc822Name, KU digitalSignature + keyEncipherment, EKU
     * emailProtection, valid 2025-01-01 to 2035-01-01.
     */
    public static TestCertificates forAddress(String address) {
        TestCertificates builder = new TestCertificates("CN=" + address.substring(0, address.indexOf('@')));
        builder.email = address;
        return builder;
    }

    public TestCertificates validity(String from, String to) {
        notBefore = Instant.parse(from);
        notAfter = Instant.parse(to);
        return this;
    }

    /** No subjectAltName; the address only as the legacy emailAddress attribute of the subject DN. */
    public TestCertificates noSubjectAltName(String dnEmail) {
        email = null;
        dn = "CN=legacy,E=" + dnEmail;
        return this;
    }

    public TestCertificates keyUsage(Integer usage) {
        keyUsage = usage;
        return this;
    }

    public TestCertificates extendedKeyUsage(KeyPurposeId... purposes) {
        extendedKeyUsage = purposes;
        return this;
    }

    public TestCertificates ca() {
        ca = true;
        return this;
    }

    public TestCertificates rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        keyPair = generator.generateKeyPair();
        return this;
    }

    public TestCertificates ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CRYPTO.bouncyCastle());
        generator.initialize(new ECGenParameterSpec(curve));
        keyPair = generator.generateKeyPair();
        signatureAlgorithm = "SHA256withECDSA";
        return this;
    }

    public TestCertificates signatureAlgorithm(String algorithm) {
        signatureAlgorithm = algorithm;
        return this;
    }

    public X509Certificate build() throws Exception {
        KeyPair keys = keyPair != null ? keyPair : sharedRsa();
        X500Name name = new X500Name(dn);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), name,
                keys.getPublic());
        if (email != null) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        }
        if (keyUsage != null) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        if (extendedKeyUsage != null) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage));
        }
        if (ca) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        }
        return new JcaX509CertificateConverter().setProvider(CRYPTO.bouncyCastle()).getCertificate(
                builder.build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(CRYPTO.bouncyCastle())
                        .build(keys.getPrivate())));
    }

    private static synchronized KeyPair sharedRsa() throws GeneralSecurityException {
        if (rsa2048 == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            rsa2048 = generator.generateKeyPair();
        }
        return rsa2048;
    }
}
