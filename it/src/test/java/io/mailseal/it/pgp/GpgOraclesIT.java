package io.mailseal.it.pgp;

import static io.mailseal.testkit.identities.TestIdentities.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.pgp.PgpMimeEncryptor;
import io.mailseal.crypto.pgp.PgpMimeSigner;
import io.mailseal.crypto.pgp.PgpSigningKey;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.format.OpenPgpKeyReader;
import io.mailseal.keys.select.OpenPgpKeyRules;
import io.mailseal.outbound.OutboundProcessor;
import io.mailseal.outbound.Outcome;
import io.mailseal.policy.EncryptionPolicy;
import io.mailseal.policy.Fallback;
import io.mailseal.policy.PolicyEngine;
import io.mailseal.policy.TypePriority;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PGP/MIME output read by the real GnuPG 2.2 (test-peers.md section 4): gpg decrypts what Mailseal encrypts
 * ({@code DECRYPTION_OKAY}, {@code ENC_TO} the chosen subkey, the original entity byte for byte) and verifies what it
 * signs ({@code GOODSIG}), also when the signed entity is encrypted. Each test has its own {@code GNUPGHOME}.
 */
class GpgOraclesIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final long TIMEOUT_SECONDS = 60;

    private static final String PLAIN_TEXT = "Content-Type: text/plain; charset=us-ascii\r\n"
            + "Content-Transfer-Encoding: 7bit\r\n"
            + "\r\n"
            + "Hello,\r\n"
            + "\r\n"
            + "Alice updated the page \"Quarterly plan\".\r\n";

    private static final String HTML_WITH_INLINE_IMAGE = "Content-Type: multipart/related; boundary=\"rel-1\";"
            + " type=\"text/html\"\r\n"
            + "\r\n"
            + "--rel-1\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + "<html><body><p>Gr=C3=BC=C3=9Fe</p><img src=3D\"cid:logo@confluence\"></body></html>\r\n"
            + "--rel-1\r\n"
            + "Content-Type: image/png\r\n"
            + "Content-ID: <logo@confluence>\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\r\n"
            + "--rel-1--\r\n";

    @TempDir
    Path dir;

    private Path home;
    private final CryptoRuntime crypto = CryptoRuntime.create();
    private final PgpMimeEncryptor encryptor = new PgpMimeEncryptor(crypto, CLOCK);

    @BeforeEach
    void createGnupgHome() throws IOException {
        home = Files.createDirectory(dir.resolve("gnupg"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @AfterEach
    void stopGpgAgent() throws Exception {
        run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "all"));
    }

    @Test
    void gpgDecryptsForBobsRsaSubkey() throws Exception {
        assertGpgDecrypts("bob", PLAIN_TEXT.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void gpgDecryptsForCarolsCurve25519Subkey() throws Exception {
        assertGpgDecrypts("carol", HTML_WITH_INLINE_IMAGE.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void gpgDecryptsForPeggysNewestSubkeyOnly() throws Exception {
        importKey("peggy-two-subkeys-secret.asc");
        byte[] entity = PLAIN_TEXT.getBytes(StandardCharsets.US_ASCII);

        Gpg result = decrypt(encrypt(entity, recipient("peggy-two-subkeys")));

        assertThat(result.status()).contains("[GNUPG:] DECRYPTION_OKAY");
        assertThat(encTo(result.status())).containsExactly(
                keyId(property("peggy-two-subkeys.pgp.newestEncryptionSubkey")));
        assertThat(result.output()).isEqualTo(entity);
    }

    @Test
    void gpgDecryptsAMessageForTwoRecipientsWithEitherKey() throws Exception {
        importKey("carol-secret.asc");
        byte[] entity = HTML_WITH_INLINE_IMAGE.getBytes(StandardCharsets.US_ASCII);

        Gpg result = decrypt(encrypt(entity, recipient("bob"), recipient("carol")));

        assertThat(result.status()).contains("[GNUPG:] DECRYPTION_OKAY");
        assertThat(encTo(result.status())).containsExactlyInAnyOrder(
                keyId(property("bob.pgp.encryptionSubkeys")), keyId(property("carol.pgp.encryptionSubkeys")));
        assertThat(result.output()).isEqualTo(entity);
    }

    @Test
    void gpgDecryptsMessagesWhateverTheirLengthModuloThree() throws Exception {
        importKey("carol-secret.asc");
        for (int extra = 0; extra < 3; extra++) {
            byte[] entity = (PLAIN_TEXT + "x".repeat(extra)).getBytes(StandardCharsets.US_ASCII);

            Gpg result = decrypt(encrypt(entity, recipient("carol")));

            assertThat(result.status()).as(result.stderr()).contains("[GNUPG:] DECRYPTION_OKAY");
            assertThat(result.output()).isEqualTo(entity);
        }
    }

    /**
     * A message of many armor blocks: gpg checks the armor's CRC-24 (computed on four interleaved lanes for long
     * input) and fails on a mismatch.
     */
    @Test
    void gpgDecryptsALongMessageAndAcceptsItsArmorChecksum() throws Exception {
        importKey("bob-secret.asc");
        StringBuilder text = new StringBuilder("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        Random random = new Random(24);
        while (text.length() < 100_003) {
            for (int i = 0; i < 70; i++) {
                text.append((char) ('!' + random.nextInt(94)));
            }
            text.append("\r\n");
        }
        byte[] entity = text.toString().getBytes(StandardCharsets.US_ASCII);

        Gpg result = decrypt(encrypt(entity, recipient("bob")));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).doesNotContain("CRC error");
        assertThat(result.status()).contains("[GNUPG:] DECRYPTION_OKAY");
        assertThat(result.output()).isEqualTo(entity);
    }

    @Test
    void gpgVerifiesBobsRsaSignature() throws Exception {
        assertGpgVerifies("bob", HTML_WITH_INLINE_IMAGE.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void gpgVerifiesCarolsEd25519Signature() throws Exception {
        assertGpgVerifies("carol", PLAIN_TEXT.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void gpgDecryptsASignedAndEncryptedMessageAndVerifiesTheInnerSignature() throws Exception {
        importKey("carol-secret.asc");
        importKey("bob.asc");
        byte[] entity = HTML_WITH_INLINE_IMAGE.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        signer("bob").signAndEncrypt(new ByteArrayInputStream(entity), List.of(recipient("carol")), encryptor, out);

        Gpg decrypted = decrypt(out.toByteArray());
        assertThat(decrypted.status()).contains("[GNUPG:] DECRYPTION_OKAY");
        List<String> inner = parts(decrypted.output());
        assertThat(headerBlock(decrypted.output())).startsWith("Content-Type: multipart/signed; micalg=pgp-sha256;");
        assertThat(inner.get(0).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(entity);
        Gpg verified = verify(inner);
        assertThat(verified.status()).contains("[GNUPG:] GOODSIG " + keyId(property("bob.pgp.fingerprint")));
    }

    @Test
    void gpgDecryptsAWholeMessageDeliveredByTheOutboundProcessor() throws Exception {
        importKey("bob-secret.asc");
        RecipientKey.Pgp bob = recipient("bob");
        PolicyEngine policy = new PolicyEngine(
                new EncryptionPolicy(TypePriority.PGP_ONLY,
                        Fallback.DO_NOT_SEND, false, List.of()),
                (address, type) -> new LookupResult(address, type, Optional.of(
                        new LookupResult.Found(SourceName.KEYSTORE, bob)), List.of()));
        OutboundProcessor processor = new OutboundProcessor(policy,
                (entity, recipients, out) -> {
                    throw new AssertionError("no S/MIME expected");
                }, encryptor::encrypt, OutboundProcessor.Signers.NONE,
                OutboundProcessor.Options.DEFAULTS, CLOCK);
        String message = "From: wiki@example.com\r\nTo: bob@example.com\r\nSubject: [Confluence] Page edited\r\n"
                + "Message-ID: <CONFLUENCE.7@example.com>\r\nMIME-Version: 1.0\r\n" + HTML_WITH_INLINE_IMAGE;

        Outcome outcome = processor.process(message.getBytes(StandardCharsets.UTF_8),
                EmailAddress.parse("wiki@example.com"), List.of(EmailAddress.parse("bob@example.com")));

        byte[] delivered = ((Outcome.Processed) outcome).deliveries().get(0).message();
        assertThat(headerBlock(delivered)).contains("Message-ID: <CONFLUENCE.7@example.com>\r\n")
                .contains("Content-Type: multipart/encrypted");
        Gpg result = decrypt(delivered);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.status()).contains("[GNUPG:] DECRYPTION_OKAY");
        assertThat(new String(result.output(), StandardCharsets.UTF_8)).isEqualTo(HTML_WITH_INLINE_IMAGE);
    }

    private void assertGpgDecrypts(String name, byte[] entity) throws Exception {
        importKey(name + "-secret.asc");

        Gpg result = decrypt(encrypt(entity, recipient(name)));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.status()).contains("[GNUPG:] DECRYPTION_OKAY");
        assertThat(result.status()).as("MDC (method 2) with AES-256 (algorithm 9)")
                .contains("[GNUPG:] DECRYPTION_INFO 2 9");
        assertThat(encTo(result.status())).containsExactly(keyId(property(name + ".pgp.encryptionSubkeys")));
        assertThat(result.output()).isEqualTo(entity);
    }

    private void assertGpgVerifies(String name, byte[] entity) throws Exception {
        importKey(name + ".asc");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        signer(name).sign(new ByteArrayInputStream(entity), out);

        assertThat(headerBlock(out.toByteArray())).startsWith("Content-Type: multipart/signed; micalg=pgp-sha256;");
        List<String> parts = parts(out.toByteArray());
        assertThat(parts.get(0).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(entity);
        Gpg result = verify(parts);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.status()).contains("[GNUPG:] GOODSIG " + keyId(property(name + ".pgp.fingerprint")));
        assertThat(result.status()).contains("[GNUPG:] VALIDSIG " + property(name + ".pgp.fingerprint"));
    }

    // ---- Mailseal ----

    private byte[] encrypt(byte[] entity, RecipientKey.Pgp... recipients) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encryptor.encrypt(new ByteArrayInputStream(entity), List.of(recipients), out);
        return out.toByteArray();
    }

    private PgpMimeSigner signer(String name) {
        PgpSigningKey.Result result = PgpSigningKey.fromArmoredSecretKey(
                TestIdentities.bytes(name + "-secret.asc"), new char[0], property(name + ".address"), CLOCK);
        assertThat(result).isInstanceOf(PgpSigningKey.Loaded.class);
        return new PgpMimeSigner(crypto, ((PgpSigningKey.Loaded) result).key(), CLOCK);
    }

    private static RecipientKey.Pgp recipient(String name) {
        OpenPgpKeyReader.Result read = new OpenPgpKeyReader().read(TestIdentities.bytes(name + ".asc"));
        OpenPgpKeyRules.Outcome outcome = new OpenPgpKeyRules(CLOCK).check(
                EmailAddress.parse(property(name + ".address")), ((OpenPgpKeyReader.Read) read).keyRings().get(0));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(OpenPgpKeyRules.Usable.class);
        return ((OpenPgpKeyRules.Usable) outcome).key();
    }

    // ---- MIME, by plain string handling of our own output ----

    private static String headerBlock(byte[] entity) {
        String text = new String(entity, StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n\r\n") + 2);
    }

    /** The parts of a multipart entity, each with its headers: the bytes between the delimiter lines. */
    private static List<String> parts(byte[] entity) {
        String text = new String(entity, StandardCharsets.ISO_8859_1);
        String headers = headerBlock(entity);
        int start = headers.indexOf("boundary=\"") + "boundary=\"".length();
        String delimiter = "\r\n--" + headers.substring(start, headers.indexOf('"', start));
        List<String> parts = new ArrayList<>();
        int at = text.indexOf(delimiter);
        while (!text.startsWith("--", at + delimiter.length())) {
            int bodyStart = text.indexOf("\r\n", at + delimiter.length()) + 2;
            int next = text.indexOf(delimiter, bodyStart);
            parts.add(text.substring(bodyStart, next));
            at = next;
        }
        return parts;
    }

    private static byte[] body(String part) {
        return part.substring(part.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- gpg ----

    /** What one gpg run gave: exit code, status lines (fd 1), stderr and the --output file. */
    private record Gpg(int exitCode, String status, String stderr, byte[] output) {
    }

    private void importKey(String file) throws Exception {
        Path key = TestIdentities.copyTo(dir, file);
        Gpg result = run(List.of("gpg", "--homedir", home.toString(), "--batch", "--import", key.toString()));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    private Gpg decrypt(byte[] multipartEncrypted) throws Exception {
        List<String> parts = parts(multipartEncrypted);
        assertThat(new String(body(parts.get(0)), StandardCharsets.US_ASCII)).isEqualTo("Version: 1\r\n");
        Path part2 = Files.write(dir.resolve("part2.asc"), body(parts.get(1)));
        Path output = dir.resolve("decrypted.out");
        Files.deleteIfExists(output);
        return run(List.of("gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback",
                "--passphrase", "", "--status-fd", "1", "--output", output.toString(), "--decrypt",
                part2.toString()), output);
    }

    private Gpg verify(List<String> multipartSignedParts) throws Exception {
        Path part1 = Files.write(dir.resolve("part1"),
                multipartSignedParts.get(0).getBytes(StandardCharsets.ISO_8859_1));
        Path signature = Files.write(dir.resolve("signature.asc"), body(multipartSignedParts.get(1)));
        return run(List.of("gpg", "--homedir", home.toString(), "--batch", "--status-fd", "1", "--verify",
                signature.toString(), part1.toString()));
    }

    private static List<String> encTo(String status) {
        return status.lines().filter(line -> line.startsWith("[GNUPG:] ENC_TO "))
                .map(line -> line.split(" ")[2]).toList();
    }

    private static String keyId(String fingerprint) {
        return fingerprint.substring(fingerprint.length() - 16);
    }

    private Gpg run(List<String> command) throws Exception {
        return run(command, null);
    }

    private Gpg run(List<String> command, Path output) throws Exception {
        Path stdout = Files.createTempFile(dir, "stdout", ".txt");
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("GNUPGHOME", home.toString());
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + command);
        }
        byte[] produced = output != null && Files.exists(output) ? Files.readAllBytes(output) : new byte[0];
        return new Gpg(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8), produced);
    }
}
