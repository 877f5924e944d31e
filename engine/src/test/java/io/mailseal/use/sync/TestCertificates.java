package io.mailseal.use.sync;

import io.mailseal.ca.Holder;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.ca.KeySpec;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Cheap certificates for planning tests: one EC key, self-signed, a given serial and validity. Only what the
 * reconciler reads (address, serial, dates) matters; the certificate is not a real mailbox certificate.
 */
public final class TestCertificates {

    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static final KeyPair KEY = key();
    private static final AtomicLong SERIALS = new AtomicLong(1000);

    private TestCertificates() {
    }

    private static KeyPair key() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A live certificate.
     *
     * @param address  its address
     * @param notAfter when it expires
     * @return the certificate, with a new serial, valid from 300 days before {@code notAfter}
     */
    public static IssuedCertificate issued(EmailAddress address, Instant notAfter) {
        BigInteger serial = BigInteger.valueOf(SERIALS.incrementAndGet());
        Instant notBefore = notAfter.minus(Duration.ofDays(300));
        X500Name name = new X500Name("CN=test");
        try {
            var holder = new JcaX509v3CertificateBuilder(name, serial, Date.from(notBefore), Date.from(notAfter), name,
                    KEY.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(CRYPTO.bouncyCastle()).build(KEY.getPrivate()));
            return new IssuedCertificate(new JcaX509CertificateConverter().setProvider(CRYPTO.bouncyCastle())
                    .getCertificate(holder), address, new Holder.Person("Test", "User"), KeySpec.EC_P256, notBefore);
        } catch (OperatorCreationException | java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
