package io.mailseal.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gpgsm 2.2 as a second, independent S/MIME client: it imports a key Mailseal issued (exported as PKCS#12) and
 * decrypts a message Mailseal encrypted to it. gpgsm 2.2 reads only the legacy PKCS#12 protection (3DES, SHA-1 MAC);
 * it refuses the modern one, which this test pins so the documentation stays true.
 */
class IssuedKeyGpgsmTest {

    private static final byte[] PASSPHRASE = "correct horse battery\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    private Path home;
    private CertifiedKey alice;

    @BeforeEach
    void issueAndPrepareGnupgHome() throws Exception {
        TestClock clock = CaFixture.clockAt(CaFixture.START.plus(Duration.ofDays(1)));
        BuiltInCertificateAuthority authority = CaFixture.authority(CaFixture.rsaRoot(),
                CaFixture.PROFILE.withDefaultKey(KeySpec.RSA_2048), new InMemoryCertificateArchive(),
                new TestSealer(), clock);
        alice = ((IssueResult.Issued) authority.issue(IssueRequest.of("alice@example.org",
                new Holder.Person("Alice", "Example")))).key();
        home = Files.createDirectory(dir.resolve("gnupg"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(home.resolve("gpgsm.conf"), "disable-crl-checks\n");
    }

    @AfterEach
    void stopGnupgDaemons() {
        Tools.run(dir, null, "gpgconf", "--homedir", home.toString(), "--kill", "all");
    }

    @Test
    void gpgsmDecryptsAMailsealMessageWithAnIssuedKeyImportedFromTheLegacyPkcs12() throws Exception {
        Path p12 = Files.write(dir.resolve("alice.p12"),
                BuiltInCaOpensslTest.exported(alice, Pkcs12Export.Protection.LEGACY));
        Tools.Result imported = gpgsm("--import", p12.toString());
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(imported.output()).contains("secret keys imported: 1");

        Path der = Files.write(dir.resolve("smime.p7m"), Base64.getMimeDecoder().decode(
                body(BuiltInCaOpensslTest.encrypt(alice.certificate().certificate()))));
        Path out = dir.resolve("decrypted.txt");
        Tools.Result decrypted = gpgsm("--output", out.toString(), "--decrypt", der.toString());

        assertThat(decrypted.exitCode()).as(decrypted.output()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(BuiltInCaOpensslTest.entity());
    }

    @Test
    void gpgsm22RefusesTheModernPkcs12() throws Exception {
        Path p12 = Files.write(dir.resolve("alice.p12"),
                BuiltInCaOpensslTest.exported(alice, Pkcs12Export.Protection.MODERN));

        Tools.Result imported = gpgsm("--import", p12.toString());

        assertThat(imported.output()).doesNotContain("secret keys imported: 1");
    }

    private Tools.Result gpgsm(String... arguments) {
        List<String> command = new ArrayList<>(List.of("gpgsm", "--homedir", home.toString(), "--batch",
                "--pinentry-mode", "loopback", "--passphrase-fd", "0"));
        command.addAll(List.of(arguments));
        return Tools.run(dir, PASSPHRASE, command.toArray(String[]::new));
    }

    /** The base64 body after the blank line of the application/pkcs7-mime entity. */
    private static String body(byte[] entity) {
        String text = new String(entity, StandardCharsets.US_ASCII);
        return text.substring(text.indexOf("\r\n\r\n") + 4);
    }
}
