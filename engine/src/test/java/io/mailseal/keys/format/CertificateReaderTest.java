package io.mailseal.keys.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateReaderTest {

    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static X509Certificate alice;
    private static X509Certificate bob;

    private final CertificateReader reader = new CertificateReader(CRYPTO);

    @BeforeAll
    static void certificates() throws Exception {
        alice = TestCertificates.forAddress("alice@example.com").build();
        bob = TestCertificates.forAddress("bob@example.com").build();
    }

    @Test
    void readsDerPkcs7CertsOnly() throws Exception {
        CertificateReader.Result result = reader.read(pkcs7(alice, bob));

        assertThat(result).isEqualTo(new CertificateReader.Read(CertificateReader.Format.PKCS7_DER,
                List.of(alice, bob), List.of()));
    }

    @Test
    void readsPemWrappedPkcs7() throws Exception {
        CertificateReader.Result result = reader.read(pem("PKCS7", pkcs7(alice, bob)));

        assertThat(result).isEqualTo(new CertificateReader.Read(CertificateReader.Format.PKCS7_PEM,
                List.of(alice, bob), List.of()));
    }

    @Test
    void readsSingleCertificateInDerPemAndBareBase64() throws Exception {
        byte[] der = alice.getEncoded();

        assertThat(reader.read(der)).isEqualTo(
                new CertificateReader.Read(CertificateReader.Format.X509_DER, List.of(alice), List.of()));
        assertThat(reader.read(pem("CERTIFICATE", der))).isEqualTo(
                new CertificateReader.Read(CertificateReader.Format.X509_PEM, List.of(alice), List.of()));
        assertThat(reader.read(Base64.getMimeEncoder().encode(der))).isEqualTo(
                new CertificateReader.Read(CertificateReader.Format.X509_BASE64, List.of(alice), List.of()));
    }

    @Test
    void readsSeveralPemCertificatesAndReportsTheBlockThatIsNot() throws Exception {
        byte[] data = concat(pem("CERTIFICATE", alice.getEncoded()), "some text\n".getBytes(StandardCharsets.US_ASCII),
                pem("PRIVATE KEY", new byte[] {1, 2, 3}), pem("CERTIFICATE", bob.getEncoded()));

        CertificateReader.Result result = reader.read(data);

        assertThat(result).isEqualTo(new CertificateReader.Read(CertificateReader.Format.X509_PEM,
                List.of(alice, bob), List.of("PEM block 2 (PRIVATE KEY) is not a certificate; skipped")));
    }

    @Test
    void readsBksWithoutItsPassword() throws Exception {
        KeyStore store = KeyStore.getInstance("BKS", CRYPTO.bouncyCastle());
        store.load(null, null);
        store.setCertificateEntry("alice", alice);
        store.setCertificateEntry("bob", bob);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, "secret-we-do-not-know".toCharArray());

        CertificateReader.Result result = reader.read(out.toByteArray());

        assertThat(result).isInstanceOf(CertificateReader.Read.class);
        CertificateReader.Read read = (CertificateReader.Read) result;
        assertThat(read.format()).isEqualTo(CertificateReader.Format.BKS);
        assertThat(read.certificates()).containsExactlyInAnyOrder(alice, bob);
    }

    @Test
    void duplicateCertificatesAreReadOnce() throws Exception {
        assertThat(reader.read(pkcs7(alice, alice, bob))).isEqualTo(new CertificateReader.Read(
                CertificateReader.Format.PKCS7_DER, List.of(alice, bob), List.of()));
    }

    @Test
    void truncatedDataIsUnreadableWithAReason() throws Exception {
        byte[] full = pkcs7(alice, bob);

        CertificateReader.Result result = reader.read(Arrays.copyOf(full, full.length / 2));

        assertThat(result).isInstanceOf(CertificateReader.Unreadable.class);
        assertThat(((CertificateReader.Unreadable) result).reason()).startsWith("damaged");
    }

    @Test
    void garbageAndEmptyAreUnreadable() {
        assertThat(reader.read(new byte[0])).isEqualTo(new CertificateReader.Unreadable("empty"));
        assertThat(reader.read("<html>hello</html>".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(new CertificateReader.Unreadable(
                        "not a certificate, PKCS#7 or BKS key store (unknown leading bytes)"));
        assertThat(reader.read("-----BEGIN CERTIFICATE-----\nAAAA".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(new CertificateReader.Unreadable("PEM armor without a complete block"));
        assertThat(reader.read(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                .isInstanceOf(CertificateReader.Unreadable.class);
    }

    private static byte[] pkcs7(X509Certificate... certificates) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(List.of(certificates)));
        return generator.generate(new CMSProcessableByteArray(new byte[0])).getEncoded();
    }

    private static byte[] pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
