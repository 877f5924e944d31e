package io.mailseal.it.smime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.smime.Pkcs12Result;
import io.mailseal.crypto.smime.SigningIdentity;
import io.mailseal.crypto.smime.SmimeEncryptor;
import io.mailseal.crypto.smime.SmimeOptions;
import io.mailseal.crypto.smime.SmimeOptions.ContentEncryption;
import io.mailseal.crypto.smime.SmimeSigner;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real S/MIME clients as oracles for what {@link SmimeEncryptor} and {@link SmimeSigner} write: {@code openssl cms}
 * decrypts every variant (CBC, GCM, OAEP, ECDH) and verifies detached and opaque signatures against the test CA;
 * gpgsm 2.2 decrypts the default (AES-256-CBC, RSA PKCS#1 v1.5), the only variant it can read.
 */
class SmimeOraclesIT {

    private static final long TIMEOUT_SECONDS = 60;
    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static final byte[] ENTITY = crlf("""
            Content-Type: multipart/mixed; boundary="mix-1"

            --mix-1
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Grüße: the page "Übersicht" was changed.
            --mix-1
            Content-Type: application/octet-stream; name="data.bin"
            Content-Transfer-Encoding: base64
            Content-Disposition: attachment; filename="data.bin"

            AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4
            OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3Bx
            --mix-1--
            """);

    @TempDir
    Path dir;
    private Path gnupgHome;

    @BeforeEach
    void copyIdentities() throws IOException {
        for (String file : List.of("alice.key", "alice.crt", "alice.p12", "carol.key", "carol.crt", "ca.crt")) {
            TestIdentities.copyTo(dir, file);
        }
        gnupgHome = Files.createDirectory(dir.resolve("gnupg"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @AfterEach
    void stopGnupgDaemons() throws Exception {
        run(null, "gpgconf", "--homedir", gnupgHome.toString(), "--kill", "all");
    }

    @Test
    void opensslDecryptsTheDefaultForAnRsaRecipient() throws Exception {
        Path encrypted = encrypt(SmimeOptions.defaults(), TestIdentities.certificate("alice"));

        assertThat(opensslDecrypt(encrypted, "alice")).isEqualTo(ENTITY);
    }

    @Test
    void opensslDecryptsEcdhForAnEcRecipient() throws Exception {
        Path encrypted = encrypt(SmimeOptions.defaults(), TestIdentities.certificate("alice"),
                TestIdentities.certificate("carol"));

        assertThat(opensslDecrypt(encrypted, "carol")).isEqualTo(ENTITY);
        assertThat(opensslDecrypt(encrypted, "alice")).isEqualTo(ENTITY);
    }

    @Test
    void opensslDecryptsAes256GcmAuthEnvelopedData() throws Exception {
        Path encrypted = encrypt(new SmimeOptions(ContentEncryption.AES_256_GCM, false),
                TestIdentities.certificate("alice"), TestIdentities.certificate("carol"));

        assertThat(opensslDecrypt(encrypted, "alice")).isEqualTo(ENTITY);
        assertThat(opensslDecrypt(encrypted, "carol")).isEqualTo(ENTITY);
    }

    @Test
    void opensslDecryptsRsaOaep() throws Exception {
        Path encrypted = encrypt(new SmimeOptions(ContentEncryption.AES_256_CBC, true),
                TestIdentities.certificate("alice"));

        assertThat(opensslDecrypt(encrypted, "alice")).isEqualTo(ENTITY);
    }

    @Test
    void gpgsmDecryptsTheDefault() throws Exception {
        Path encrypted = encrypt(SmimeOptions.defaults(), TestIdentities.certificate("alice"));
        Path der = Files.write(dir.resolve("smime.p7m"), Base64.getMimeDecoder().decode(body(Files.readAllBytes(encrypted))));
        Result imported = run("test\n".getBytes(StandardCharsets.US_ASCII), "gpgsm", "--homedir", gnupgHome.toString(),
                "--batch", "--pinentry-mode", "loopback", "--passphrase-fd", "0", "--import",
                dir.resolve("alice.p12").toString());
        assertThat(imported.exitCode()).as(imported.stderr()).isZero();

        Path out = dir.resolve("gpgsm.out");
        Result decrypted = run("test\n".getBytes(StandardCharsets.US_ASCII), "gpgsm", "--homedir",
                gnupgHome.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase-fd", "0",
                "--output", out.toString(), "--decrypt", der.toString());

        assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(ENTITY);
    }

    @Test
    void opensslVerifiesADetachedSignatureAgainstTheCa() throws Exception {
        Path signed = sign(false);

        assertThat(opensslVerify(signed)).isEqualTo(ENTITY);
    }

    @Test
    void opensslVerifiesAnOpaqueSignatureAgainstTheCa() throws Exception {
        Path signed = sign(true);

        assertThat(opensslVerify(signed)).isEqualTo(ENTITY);
    }

    private Path encrypt(SmimeOptions options, X509Certificate... recipients) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmimeEncryptor(CRYPTO, options).encrypt(new ByteArrayInputStream(ENTITY), List.of(recipients), out);
        return Files.write(dir.resolve("encrypted-" + System.nanoTime() + ".eml"), out.toByteArray());
    }

    private Path sign(boolean opaque) throws IOException {
        Pkcs12Result loaded = SigningIdentity.fromPkcs12(TestIdentities.bytes("alice.p12"), "test".toCharArray());
        assertThat(loaded).isInstanceOf(Pkcs12Result.Loaded.class);
        SigningIdentity alice = ((Pkcs12Result.Loaded) loaded).identity();
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmimeSigner(CRYPTO, alice, opaque, clock).sign(new ByteArrayInputStream(ENTITY), out);
        return Files.write(dir.resolve("signed-" + opaque + ".eml"), out.toByteArray());
    }

    private byte[] opensslDecrypt(Path encrypted, String identity) throws Exception {
        Path out = dir.resolve("openssl-" + identity + "-" + System.nanoTime() + ".out");
        Result result = run(null, "openssl", "cms", "-decrypt", "-binary", "-in", encrypted.toString(),
                "-inkey", dir.resolve(identity + ".key").toString(), "-recip", dir.resolve(identity + ".crt").toString(),
                "-out", out.toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return Files.readAllBytes(out);
    }

    private byte[] opensslVerify(Path signed) throws Exception {
        Path out = dir.resolve("verified-" + System.nanoTime() + ".out");
        // no -binary: with it, openssl 3.0 keeps the CRLF before the closing delimiter of a multipart/signed first
        // part as content (RFC 2046 §5.1.1 gives it to the delimiter) and the detached signature fails to verify;
        // without it openssl canonicalises line ends to CRLF, which our canonical entity already has
        Result result = run(null, "openssl", "cms", "-verify", "-CAfile", dir.resolve("ca.crt").toString(),
                "-in", signed.toString(), "-out", out.toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("Verification successful");
        return Files.readAllBytes(out);
    }

    private Result run(byte[] stdin, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), stderr.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    private static byte[] body(byte[] entity) {
        String text = new String(entity, StandardCharsets.ISO_8859_1);
        return text.substring(text.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private record Result(int exitCode, String stderr) {
    }

}
