package io.mailseal.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin uploads the issuing CA as a PKCS#12 file made by OpenSSL: a CA with its chain is accepted and issues
 * certificates OpenSSL verifies through the chain; a file without key, a certificate that is no CA, an expired CA,
 * a key that does not belong to the certificate and a wrong password are refused with messages that name the
 * problem.
 */
class UploadedIssuingCaTest {

    private static final char[] PASSWORD = "upload-secret".toCharArray();

    @TempDir
    Path dir;

    @Test
    void acceptsAnIntermediateCaWithItsChainAndIssuesCertificatesThatVerifyThroughIt() throws Exception {
        makeRoot();
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "sub.key", "-out", "sub.csr", "-subj", "/O=Example Corp/CN=Example Mail Issuing CA");
        Files.writeString(dir.resolve("sub.ext"), "basicConstraints=critical,CA:TRUE,pathlen:0\n"
                + "keyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n"
                + "authorityKeyIdentifier=keyid\n");
        openssl("x509", "-req", "-in", "sub.csr", "-CA", "root.crt", "-CAkey", "root.key", "-CAcreateserial",
                "-days", "365", "-extfile", "sub.ext", "-out", "sub.crt");
        openssl("pkcs12", "-export", "-inkey", "sub.key", "-in", "sub.crt", "-certfile", "root.crt",
                "-passout", "pass:upload-secret", "-out", "sub.p12");
        Instant now = notBefore("sub.crt").plus(Duration.ofHours(1));

        IssuingCaResult result = IssuingCa.fromPkcs12(Files.readAllBytes(dir.resolve("sub.p12")), PASSWORD, now);

        assertThat(result).isInstanceOf(IssuingCaResult.Loaded.class);
        IssuingCa ca = ((IssuingCaResult.Loaded) result).ca();
        assertThat(ca.name()).isEqualTo("CN=Example Mail Issuing CA,O=Example Corp");
        assertThat(ca.chain()).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=Example Root");
        BuiltInCertificateAuthority authority = CaFixture.authority(ca, CaFixture.PROFILE,
                new InMemoryCertificateArchive(), new TestSealer(), CaFixture.clockAt(now));
        CertifiedKey alice = ((IssueResult.Issued) authority.issue(IssueRequest.of("alice@example.org",
                new Holder.Person("Alice", "Example")))).key();
        assertThat(alice.chain()).hasSize(2);
        Files.writeString(dir.resolve("alice.pem"), X509Parts.pem("CERTIFICATE",
                alice.certificate().certificate().getEncoded()));
        Files.writeString(dir.resolve("crl.pem"), authority.currentCrl().pem());

        Tools.Result verified = Tools.openssl(dir, "verify", "-attime", Long.toString(now.getEpochSecond()),
                "-CAfile", "root.crt", "-untrusted", "sub.crt", "-crl_check", "-CRLfile", "crl.pem", "alice.pem");

        assertThat(verified.exitCode()).as(verified.output()).isZero();
    }

    @Test
    void refusesAFileWithoutPrivateKey() throws Exception {
        makeRoot();
        openssl("pkcs12", "-export", "-nokeys", "-in", "root.crt", "-passout", "pass:upload-secret",
                "-out", "nokey.p12");

        IssuingCaResult result = IssuingCa.fromPkcs12(Files.readAllBytes(dir.resolve("nokey.p12")), PASSWORD,
                notBefore("root.crt"));

        assertThat(rejected(result).problems()).containsExactly(IssuingCaProblem.NO_PRIVATE_KEY);
        assertThat(rejected(result).message()).contains("holds no private key");
    }

    @Test
    void refusesACertificateThatIsNoCa() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "leaf.key", "-out", "leaf.crt", "-days", "30", "-subj", "/CN=Just A Leaf",
                "-addext", "basicConstraints=critical,CA:FALSE", "-addext", "keyUsage=critical,digitalSignature");
        openssl("pkcs12", "-export", "-inkey", "leaf.key", "-in", "leaf.crt", "-passout", "pass:upload-secret",
                "-out", "leaf.p12");

        IssuingCaResult result = IssuingCa.fromPkcs12(Files.readAllBytes(dir.resolve("leaf.p12")), PASSWORD,
                notBefore("leaf.crt"));

        assertThat(rejected(result).problems())
                .containsExactly(IssuingCaProblem.NOT_A_CA, IssuingCaProblem.MISSING_KEY_USAGE);
        assertThat(rejected(result).message())
                .contains("the certificate 'CN=Just A Leaf' is not a CA certificate (basicConstraints cA=true")
                .contains("lacks keyUsage keyCertSign and cRLSign");
    }

    @Test
    void refusesAnExpiredCa() throws Exception {
        makeRoot();
        Instant notAfter = certificate("root.crt").getNotAfter().toInstant();

        IssuingCaResult result = IssuingCa.fromPkcs12(Files.readAllBytes(dir.resolve("root.p12")), PASSWORD,
                notAfter.plus(Duration.ofDays(1)));

        assertThat(rejected(result).problems()).containsExactly(IssuingCaProblem.EXPIRED);
        assertThat(rejected(result).message()).contains("'CN=Example Root' expired on " + notAfter);
    }

    @Test
    void refusesAKeyThatDoesNotBelongToTheCertificate() throws Exception {
        makeRoot();
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "other.key");
        openssl("pkcs12", "-export", "-nocerts", "-inkey", "other.key", "-passout", "pass:upload-secret",
                "-out", "other.p12");
        PrivateKey other = firstKey(Files.readAllBytes(dir.resolve("other.p12")));
        KeyStore mixed = KeyStore.getInstance("PKCS12");
        mixed.load(null, null);
        mixed.setKeyEntry("ca", other, PASSWORD, new Certificate[] {certificate("root.crt")});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        mixed.store(bytes, PASSWORD);

        IssuingCaResult result = IssuingCa.fromPkcs12(bytes.toByteArray(), PASSWORD, notBefore("root.crt"));

        assertThat(rejected(result).problems()).containsExactly(IssuingCaProblem.KEY_MISMATCH);
        assertThat(rejected(result).message())
                .contains("the private key does not belong to the certificate 'CN=Example Root'");
    }

    @Test
    void refusesAWrongPasswordAndBytesThatAreNoPkcs12() throws Exception {
        makeRoot();

        IssuingCaResult wrong = IssuingCa.fromPkcs12(Files.readAllBytes(dir.resolve("root.p12")),
                "not-it".toCharArray(), notBefore("root.crt"));
        IssuingCaResult garbage = IssuingCa.fromPkcs12("hello".getBytes(StandardCharsets.US_ASCII), PASSWORD,
                notBefore("root.crt"));

        assertThat(rejected(wrong).problems()).containsExactly(IssuingCaProblem.WRONG_PASSWORD);
        assertThat(rejected(wrong).message()).doesNotContain("not-it");
        assertThat(rejected(garbage).problems()).containsExactly(IssuingCaProblem.NOT_PKCS12);
    }

    private void makeRoot() {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.crt",
                "-days", "30", "-subj", "/CN=Example Root",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        openssl("pkcs12", "-export", "-inkey", "root.key", "-in", "root.crt", "-passout", "pass:upload-secret",
                "-out", "root.p12");
    }

    private void openssl(String... arguments) {
        Tools.Result result = Tools.openssl(dir, arguments);
        assertThat(result.exitCode()).as(String.join(" ", arguments) + "\n" + result.output()).isZero();
    }

    private X509Certificate certificate(String file) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(file))));
    }

    private Instant notBefore(String file) throws Exception {
        return certificate(file).getNotBefore().toInstant();
    }

    private static PrivateKey firstKey(byte[] p12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(p12), PASSWORD);
        return (PrivateKey) store.getKey(store.aliases().nextElement(), PASSWORD);
    }

    private static IssuingCaResult.Rejected rejected(IssuingCaResult result) {
        assertThat(result).isInstanceOf(IssuingCaResult.Rejected.class);
        return (IssuingCaResult.Rejected) result;
    }
}
