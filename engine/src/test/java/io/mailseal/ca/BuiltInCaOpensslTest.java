package io.mailseal.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.smime.SmimeEncryptor;
import io.mailseal.crypto.smime.SmimeOptions;
import io.mailseal.keys.TestClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSL as the oracle for what the built-in CA writes: certificates verify against the CA and its CRL, a revoked
 * one fails with "certificate revoked", the extensions are those of docs/ca.md, and a message Mailseal encrypts to
 * an issued certificate opens with the key from the exported PKCS#12.
 */
class BuiltInCaOpensslTest {

    private static final byte[] ENTITY = ("Content-Type: text/plain; charset=utf-8\r\n\r\n"
            + "The page \"Payroll 2026\" was changed.\r\n").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private TestClock clock;
    private BuiltInCertificateAuthority authority;

    @BeforeEach
    void createAuthority() {
        clock = CaFixture.clockAt(CaFixture.START.plus(Duration.ofDays(1)));
        authority = CaFixture.authority(CaFixture.rsaRoot(), CaFixture.PROFILE.withDefaultKey(KeySpec.RSA_2048),
                new InMemoryCertificateArchive(), new TestSealer(), clock);
    }

    @Test
    void anIssuedCertificateVerifiesAgainstTheCaAndItsCrl() throws Exception {
        CertifiedKey alice = issue("alice@example.org", new Holder.Person("Alice", "Example"));

        Tools.Result verified = verify(alice);

        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.stdout()).contains(": OK");
    }

    @Test
    void aRevokedCertificateFailsTheCrlCheckAsRevoked() throws Exception {
        CertifiedKey alice = issue("alice@example.org", new Holder.Person("Alice", "Example"));
        CertifiedKey bob = issue("bob@example.org", new Holder.Person("Bob", "Example"));
        clock.advance(Duration.ofHours(2));

        RevokeResult revoked = authority.revoke(alice.certificate().serial(), RevocationReason.KEY_COMPROMISE);

        assertThat(revoked).isInstanceOf(RevokeResult.Revoked.class);
        Tools.Result verified = verify(alice);
        assertThat(verified.exitCode()).isNotZero();
        assertThat(verified.output()).contains("certificate revoked");
        assertThat(verify(bob).exitCode()).as("the other certificate is still good").isZero();
    }

    @Test
    void theCrlNamesTheRevocationWithItsReasonAndAnIncreasingNumber() throws Exception {
        CertifiedKey alice = issue("alice@example.org", new Holder.Person("Alice", "Example"));
        Crl before = authority.currentCrl();
        clock.advance(Duration.ofMinutes(5));
        authority.revoke(alice.certificate().serial(), RevocationReason.CESSATION_OF_OPERATION);

        Crl after = authority.currentCrl();
        Path crl = Files.write(dir.resolve("crl.der"), after.der());
        Tools.Result text = Tools.openssl(dir, "crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text");

        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(after.number()).isGreaterThan(before.number());
        assertThat(text.stdout()).contains("X509v3 CRL Number", after.number().toString())
                .contains("Next Update: Mar  9 10:05:00 2026 GMT")
                .contains("Serial Number: " + opensslHex(alice.certificate().serial().toString(16)))
                .contains("Cessation Of Operation")
                .contains("X509v3 Authority Key Identifier");
    }

    @Test
    void aPersonalCertificateCarriesTheMailboxProfile() throws Exception {
        CertifiedKey alice = issue("alice@example.org", new Holder.Person("Alice", "Example"));

        String text = x509Text(alice.certificate().certificate());

        assertThat(text).contains("Subject: GN = Alice, SN = Example, CN = Alice Example")
                .contains("Signature Algorithm: sha256WithRSAEncryption")
                .contains("Public-Key: (2048 bit)")
                .contains("X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment")
                .contains("X509v3 Extended Key Usage: \n                E-mail Protection")
                .contains("X509v3 Subject Alternative Name: \n                email:alice@example.org")
                .contains("X509v3 Basic Constraints: critical\n                CA:FALSE")
                .contains("X509v3 Subject Key Identifier")
                .contains("X509v3 Authority Key Identifier")
                .contains("X509v3 CRL Distribution Points")
                .contains("URI:" + CaFixture.CRL_URL)
                .contains("Policy: " + X509Parts.PERSONAL_POLICY.getId());
    }

    @Test
    void aTeamCertificateNamesTheTeamOnlyAndCarriesTheTeamPolicy() throws Exception {
        CertifiedKey payroll = issue("payroll@example.org", new Holder.Team("Payroll Team"));

        String text = x509Text(payroll.certificate().certificate());

        assertThat(text).contains("Subject: CN = Payroll Team")
                .contains("Policy: " + X509Parts.TEAM_POLICY.getId())
                .doesNotContain("GN =").doesNotContain(X509Parts.PERSONAL_POLICY.getId());
    }

    @Test
    void anEcCertificateGetsKeyAgreementInsteadOfKeyEncipherment() throws Exception {
        IssueResult result = authority.issue(new IssueRequest("carol@example.org",
                new Holder.Person("Carol", "Example"), KeySpec.EC_P256));
        CertifiedKey carol = ((IssueResult.Issued) result).key();

        String text = x509Text(carol.certificate().certificate());

        assertThat(text).contains("NIST CURVE: P-256")
                .contains("Digital Signature, Key Agreement")
                .doesNotContain("Key Encipherment");
        // openssl's smimeencrypt purpose demands keyEncipherment even for EC keys, so check the chain as smimesign
        Tools.Result verified = verify(carol, "smimesign");
        assertThat(verified.exitCode()).as(verified.output()).isZero();
    }

    @Test
    void aMessageEncryptedToAnEcCertificateOpensWithEcdhAndTheExportedKey() throws Exception {
        IssueResult result = authority.issue(new IssueRequest("carol@example.org",
                new Holder.Person("Carol", "Example"), KeySpec.EC_P256));
        CertifiedKey carol = ((IssueResult.Issued) result).key();

        assertThat(decryptWithTheExportedKey(carol)).isEqualTo(ENTITY);
    }

    @Test
    void aMessageEncryptedToAnIssuedCertificateOpensWithTheKeyFromTheExportedPkcs12() throws Exception {
        CertifiedKey alice = issue("alice@example.org", new Holder.Person("Alice", "Example"));

        assertThat(decryptWithTheExportedKey(alice)).isEqualTo(ENTITY);
    }

    @Test
    void theModernPkcs12UsesPbes2WithAes256AndAnSha256Mac() throws Exception {
        CertifiedKey alice = issue("alice@example.org", new Holder.Person("Alice", "Example"));
        Path p12 = Files.write(dir.resolve("alice.p12"), exported(alice, Pkcs12Export.Protection.MODERN));

        Tools.Result info = Tools.openssl(dir, "pkcs12", "-info", "-in", p12.toString(), "-noout", "-passin",
                "pass:correct horse battery");

        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(info.output()).contains("MAC: sha256, Iteration " + Pkcs12Export.ITERATIONS)
                .contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration " + Pkcs12Export.ITERATIONS
                        + ", PRF hmacWithSHA256")
                .contains("PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC");
    }

    @Test
    void theExportedPkcs12HoldsTheCertificateTheKeyAndTheChain() throws Exception {
        CertifiedKey alice = issue("alice@example.org", new Holder.Person("Alice", "Example"));
        Path p12 = Files.write(dir.resolve("alice.p12"), exported(alice, Pkcs12Export.Protection.MODERN));

        Tools.Result certificates = Tools.openssl(dir, "pkcs12", "-in", p12.toString(), "-nokeys", "-passin",
                "pass:correct horse battery");
        Tools.Result key = Tools.openssl(dir, "pkcs12", "-in", p12.toString(), "-nocerts", "-nodes", "-passin",
                "pass:correct horse battery");

        assertThat(certificates.stdout()).contains("subject=GN = Alice, SN = Example, CN = Alice Example")
                .contains("subject=CN = Mailseal Test RSA CA")
                .contains("friendlyName: Alice Example <alice@example.org>");
        assertThat(key.stdout()).contains("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void theWrongPassphraseDoesNotOpenTheExport() throws Exception {
        CertifiedKey alice = issue("alice@example.org", new Holder.Person("Alice", "Example"));
        Path p12 = Files.write(dir.resolve("alice.p12"), exported(alice, Pkcs12Export.Protection.MODERN));

        Tools.Result opened = Tools.openssl(dir, "pkcs12", "-in", p12.toString(), "-nodes", "-passin",
                "pass:wrong horse battery");

        assertThat(opened.exitCode()).isNotZero();
        assertThat(opened.output()).containsIgnoringCase("mac verify error");
    }

    /** Encrypts to the key's certificate with the engine, exports the key as PKCS#12, decrypts with openssl. */
    private byte[] decryptWithTheExportedKey(CertifiedKey key) throws IOException {
        String name = key.certificate().serialHex();
        Path p12 = Files.write(dir.resolve(name + ".p12"), exported(key, Pkcs12Export.Protection.MODERN));
        Path encrypted = Files.write(dir.resolve(name + ".eml"), encrypt(key.certificate().certificate()));
        Tools.Result pem = Tools.openssl(dir, "pkcs12", "-in", p12.toString(), "-nodes", "-passin",
                "pass:correct horse battery", "-out", name + ".pem");
        assertThat(pem.exitCode()).as(pem.output()).isZero();

        Tools.Result decrypted = Tools.openssl(dir, "cms", "-decrypt", "-binary", "-in", encrypted.toString(),
                "-inkey", name + ".pem", "-out", name + ".out");

        assertThat(decrypted.exitCode()).as(decrypted.output()).isZero();
        return Files.readAllBytes(dir.resolve(name + ".out"));
    }

    private CertifiedKey issue(String address, Holder holder) {
        IssueResult result = authority.issue(IssueRequest.of(address, holder));
        assertThat(result).isInstanceOf(IssueResult.Issued.class);
        return ((IssueResult.Issued) result).key();
    }

    private Tools.Result verify(CertifiedKey key) throws IOException, CertificateEncodingException {
        return verify(key, "smimeencrypt");
    }

    private Tools.Result verify(CertifiedKey key, String purpose) throws IOException, CertificateEncodingException {
        Path ca = writePem("ca.pem", authority.certificatePath().get(0));
        Path crl = Files.writeString(dir.resolve("crl.pem"), authority.currentCrl().pem());
        Path certificate = writePem("cert-" + key.certificate().serialHex() + ".pem", key.certificate().certificate());
        return Tools.openssl(dir, "verify", "-attime", Long.toString(clock.instant().getEpochSecond()),
                "-purpose", purpose, "-CAfile", ca.toString(), "-crl_check", "-CRLfile", crl.toString(),
                certificate.toString());
    }

    private String x509Text(X509Certificate certificate) throws IOException, CertificateEncodingException {
        Path file = writePem("x509-" + certificate.getSerialNumber().toString(16) + ".pem", certificate);
        Tools.Result text = Tools.openssl(dir, "x509", "-in", file.toString(), "-noout", "-text");
        assertThat(text.exitCode()).as(text.output()).isZero();
        return text.stdout();
    }

    private Path writePem(String name, X509Certificate certificate) throws IOException,
            CertificateEncodingException {
        return Files.writeString(dir.resolve(name), X509Parts.pem("CERTIFICATE", certificate.getEncoded()));
    }

    static byte[] exported(CertifiedKey key, Pkcs12Export.Protection protection) {
        ExportResult result = new Pkcs12Export(CaFixture.CRYPTO).export(key,
                "correct horse battery".toCharArray(), protection);
        assertThat(result).isInstanceOf(ExportResult.Exported.class);
        return ((ExportResult.Exported) result).p12();
    }

    static byte[] encrypt(X509Certificate recipient) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmimeEncryptor(CaFixture.CRYPTO, SmimeOptions.defaults())
                .encrypt(new ByteArrayInputStream(ENTITY), List.of(recipient), out);
        return out.toByteArray();
    }

    static byte[] entity() {
        return ENTITY.clone();
    }

    /** OpenSSL prints a serial in whole bytes: an odd number of hex digits gets a leading zero. */
    private static String opensslHex(String hex) {
        return (hex.length() % 2 == 0 ? hex : "0" + hex).toUpperCase(java.util.Locale.ROOT);
    }
}
