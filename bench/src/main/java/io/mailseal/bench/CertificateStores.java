package io.mailseal.bench;

import io.mailseal.crypto.CryptoRuntime;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Writes PKCS#7 key stores of many S/MIME certificates (user0@example.com, user1@…) for the benchmarks. */
final class CertificateStores {

    private CertificateStores() {
    }

    /** The address of the i-th certificate. */
    static String address(int i) {
        return "user" + i + "@example.com";
    }

    /**
     * Writes a DER PKCS#7 certs-only file with {@code count} RSA-2048 end-entity certificates signed by one EC CA.
     * All certificates share one RSA key (generating 10,000 keys would only slow the set-up).
     */
    static Path write(Path file, int count) throws Exception {
        CryptoRuntime crypto = CryptoRuntime.create();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ca = ec.generateKeyPair();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair user = rsa.generateKeyPair();
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(crypto.bouncyCastle())
                .build(ca.getPrivate());
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(crypto.bouncyCastle());
        X500Name issuer = new X500Name("CN=Bench CA");
        List<X509Certificate> certificates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(i + 1L),
                    Date.from(Instant.parse("2025-01-01T00:00:00Z")), Date.from(Instant.parse("2035-01-01T00:00:00Z")),
                    new X500Name("CN=User " + i), user.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.rfc822Name, address(i))));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
            X509CertificateHolder holder = builder.build(signer);
            certificates.add(converter.getCertificate(holder));
        }
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(certificates));
        Files.write(file, generator.generate(new CMSProcessableByteArray(new byte[0])).getEncoded());
        return file;
    }
}
