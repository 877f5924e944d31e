package io.mailseal.crypto.smime;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates the named identities do not cover, made on the fly. */
final class OtherCertificates {

    private OtherCertificates() {
    }

    /** A self-signed certificate with an EC key on P-521, a curve the encryptor does not support. */
    static X509Certificate p521(String subject) throws Exception {
        BouncyCastleProvider bc = new BouncyCastleProvider();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));
        KeyPair pair = generator.generateKeyPair();
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        X500Name name = new X500Name(subject);
        return new JcaX509CertificateConverter().setProvider(bc).getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(521), Date.from(start), Date.from(start.plus(3650, ChronoUnit.DAYS)), name,
                pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(bc)
                .build(pair.getPrivate())));
    }
}
