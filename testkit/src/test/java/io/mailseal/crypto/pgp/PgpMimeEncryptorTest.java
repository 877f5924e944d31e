package io.mailseal.crypto.pgp;

import static io.mailseal.crypto.pgp.PgpFixtures.CLOCK;
import static io.mailseal.crypto.pgp.PgpFixtures.bytes;
import static io.mailseal.crypto.pgp.PgpFixtures.decrypt;
import static io.mailseal.crypto.pgp.PgpFixtures.keyId;
import static io.mailseal.crypto.pgp.PgpFixtures.multipart;
import static io.mailseal.crypto.pgp.PgpFixtures.recipient;
import static io.mailseal.crypto.pgp.PgpFixtures.secretRing;
import static io.mailseal.crypto.pgp.PgpFixtures.withSymmetricPreferences;
import static io.mailseal.testkit.identities.TestIdentities.property;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.RecipientKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PGP/MIME encryption, decrypted again with Bouncy Castle and the test identities' secret keys. */
class PgpMimeEncryptorTest {

    private final PgpMimeEncryptor encryptor = new PgpMimeEncryptor(CryptoRuntime.create(), CLOCK);

    @Test
    void writesTheRfc3156MultipartEncryptedLayout() throws Exception {
        byte[] output = encrypt(bytes(PgpFixtures.PLAIN_TEXT), recipient("bob"));
        PgpFixtures.Multipart multipart = multipart(output);

        assertThat(multipart.headers()).startsWith(
                "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\";\r\n boundary=\"");
        assertThat(multipart.parts()).hasSize(2);
        assertThat(multipart.partHeaders(0)).isEqualTo("Content-Type: application/pgp-encrypted\r\n"
                + "Content-Description: PGP/MIME version identification\r\n");
        assertThat(new String(multipart.body(0), StandardCharsets.US_ASCII)).isEqualTo("Version: 1\r\n");
        assertThat(multipart.partHeaders(1)).isEqualTo(
                "Content-Type: application/octet-stream; name=\"encrypted.asc\"\r\n"
                        + "Content-Disposition: inline; filename=\"encrypted.asc\"\r\n"
                        + "Content-Description: OpenPGP encrypted message\r\n");
        String armored = new String(multipart.body(1), StandardCharsets.US_ASCII);
        assertThat(armored).startsWith("-----BEGIN PGP MESSAGE-----\r\n\r\n").endsWith("-----END PGP MESSAGE-----\r\n");
        assertThat(armored.replace("\r\n", "")).doesNotContain("\r", "\n");
        assertThat(new String(output, StandardCharsets.US_ASCII)).endsWith("--" + multipart.boundary() + "--\r\n");
    }

    @Test
    void plainTextDecryptsByteForByteForBobsRsaKey() throws Exception {
        assertRoundTrip(bytes(PgpFixtures.PLAIN_TEXT), "bob");
    }

    @Test
    void htmlWithAnInlineImageDecryptsByteForByteForCarolsCurve25519Key() throws Exception {
        assertRoundTrip(bytes(PgpFixtures.HTML_WITH_INLINE_IMAGE), "carol");
    }

    @Test
    void anAttachmentDecryptsByteForByte() throws Exception {
        assertRoundTrip(PgpFixtures.withAttachment(300_000), "bob");
    }

    @Test
    void anEightBitUtf8BodyDecryptsByteForByte() throws Exception {
        assertRoundTrip(bytes(PgpFixtures.UTF8_8BIT), "carol");
    }

    @Test
    void oneMessageForAnRsaAndACurve25519RecipientDecryptsForBoth() throws Exception {
        byte[] entity = bytes(PgpFixtures.HTML_WITH_INLINE_IMAGE);
        byte[] armored = multipart(encrypt(entity, recipient("bob"), recipient("carol"))).body(1);

        PgpFixtures.Decrypted forBob = decrypt(armored, secretRing("bob"));
        PgpFixtures.Decrypted forCarol = decrypt(armored, secretRing("carol"));

        assertThat(forBob.plaintext()).isEqualTo(entity);
        assertThat(forCarol.plaintext()).isEqualTo(entity);
        assertThat(forBob.recipientKeyIds()).containsExactly(
                keyId(property("bob.pgp.encryptionSubkeys")), keyId(property("carol.pgp.encryptionSubkeys")));
        assertThat(forBob.pkeskVersions()).containsOnly(3);
    }

    @Test
    void usesAes256WhenEveryRecipientAllowsIt() throws Exception {
        byte[] armored = multipart(encrypt(bytes(PgpFixtures.PLAIN_TEXT), recipient("bob"), recipient("carol")))
                .body(1);

        assertThat(decrypt(armored, secretRing("carol")).symmetricAlgorithm())
                .isEqualTo(SymmetricKeyAlgorithmTags.AES_256);
    }

    @Test
    void fallsBackToAes128WhenARecipientStatesNoPreferences() throws Exception {
        RecipientKey.Pgp bobWithoutPreferences = withSymmetricPreferences("bob", (int[]) null);
        byte[] armored = multipart(encrypt(bytes(PgpFixtures.PLAIN_TEXT), bobWithoutPreferences, recipient("carol")))
                .body(1);

        assertThat(decrypt(armored, secretRing("bob")).symmetricAlgorithm())
                .isEqualTo(SymmetricKeyAlgorithmTags.AES_128);
    }

    @Test
    void choosesTheStrongestAesThatEveryRecipientShares() throws Exception {
        RecipientKey.Pgp bobAes192 = withSymmetricPreferences("bob",
                SymmetricKeyAlgorithmTags.AES_192, SymmetricKeyAlgorithmTags.AES_128);
        byte[] armored = multipart(encrypt(bytes(PgpFixtures.PLAIN_TEXT), bobAes192, recipient("carol"))).body(1);

        assertThat(decrypt(armored, secretRing("bob")).symmetricAlgorithm())
                .isEqualTo(SymmetricKeyAlgorithmTags.AES_192);
    }

    @Test
    void neverGoesBelowAes128EvenIfARecipientListsOnlyOlderCiphers() throws Exception {
        RecipientKey.Pgp bobLegacy = withSymmetricPreferences("bob",
                SymmetricKeyAlgorithmTags.TRIPLE_DES, SymmetricKeyAlgorithmTags.CAST5);
        byte[] armored = multipart(encrypt(bytes(PgpFixtures.PLAIN_TEXT), bobLegacy)).body(1);

        assertThat(decrypt(armored, secretRing("bob")).symmetricAlgorithm())
                .isEqualTo(SymmetricKeyAlgorithmTags.AES_128);
    }

    @Test
    void encryptsToPeggysNewestSubkeyOnly() throws Exception {
        byte[] entity = bytes(PgpFixtures.PLAIN_TEXT);
        byte[] armored = multipart(encrypt(entity, recipient("peggy-two-subkeys"))).body(1);

        PgpFixtures.Decrypted decrypted = decrypt(armored, secretRing("peggy-two-subkeys"));

        assertThat(decrypted.recipientKeyIds())
                .containsExactly(keyId(property("peggy-two-subkeys.pgp.newestEncryptionSubkey")));
        assertThat(decrypted.plaintext()).isEqualTo(entity);
    }

    @Test
    void theMessageIsAnIntegrityProtectedLiteralWithoutCompressionOrAead() throws Exception {
        byte[] armored = multipart(encrypt(bytes(PgpFixtures.PLAIN_TEXT), recipient("bob"))).body(1);

        PgpFixtures.Decrypted decrypted = decrypt(armored, secretRing("bob"));

        assertThat(decrypted.innerPackets()).containsExactly("PGPLiteralData");
        assertThat(decrypted.literalFormat()).isEqualTo('b');
        assertThat(decrypted.literalName()).isEmpty();
        assertThat(decrypted.integrityProtected()).isTrue();
        assertThat(decrypted.aead()).isFalse();
        assertThat(decrypted.integrityVerified()).isTrue();
    }

    @Test
    void bulkEncryptionRunsOnTheJdksOwnAes() {
        assertThat(encryptor.bulkProvider()).hasValueSatisfying(provider ->
                assertThat(provider.getClass().getModule().getName()).isEqualTo("java.base"));
    }

    @Test
    void aTwentyMegabyteEntityStreamsThroughAndDecrypts(@TempDir Path dir) throws Exception {
        long size = 20L * 1024 * 1024;
        MessageDigest inputDigest = MessageDigest.getInstance("SHA-256");
        GeneratedEntity generated = new GeneratedEntity(size);
        Path file = dir.resolve("encrypted.eml");
        long[] inputReadWhenOutputPassedOneMegabyte = {-1};
        try (OutputStream fileOut = Files.newOutputStream(file)) {
            OutputStream watched = new CountingOutputStream(fileOut, 1024 * 1024,
                    () -> inputReadWhenOutputPassedOneMegabyte[0] = generated.produced());
            encryptor.encrypt(new DigestInputStream(generated, inputDigest), List.of(recipient("bob")), watched);
        }

        assertThat(generated.produced()).isEqualTo(size);
        assertThat(inputReadWhenOutputPassedOneMegabyte[0])
                .as("input read when the first megabyte was written: the message is not held whole")
                .isBetween(0L, 2L * 1024 * 1024);
        MessageDigest outputDigest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = fromArmor(file)) {
            decrypt(in, secretRing("bob"), new DigestOutputStream(OutputStream.nullOutputStream(), outputDigest));
        }
        assertThat(outputDigest.digest()).isEqualTo(inputDigest.digest());
    }

    @Test
    void refusesARecipientWhoseChosenKeyIsNotInItsKeyRing() {
        RecipientKey.Pgp bob = recipient("bob");
        RecipientKey.Pgp broken = new RecipientKey.Pgp(bob.keyRing(), bob.userId(),
                property("carol.pgp.encryptionSubkeys"), null);

        assertThatThrownBy(() -> encrypt(bytes(PgpFixtures.PLAIN_TEXT), broken))
                .isInstanceOfSatisfying(PgpException.class, e -> {
                    assertThat(e.code()).isEqualTo(PgpException.Code.UNUSABLE_RECIPIENT_KEY);
                    assertThat(e.getMessage()).contains(property("carol.pgp.encryptionSubkeys"));
                });
    }

    @Test
    void refusesToEncryptToNobody() {
        assertThatThrownBy(() -> encrypt(bytes(PgpFixtures.PLAIN_TEXT)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRoundTrip(byte[] entity, String name) throws Exception {
        byte[] armored = multipart(encrypt(entity, recipient(name))).body(1);

        PgpFixtures.Decrypted decrypted = decrypt(armored, secretRing(name));

        assertThat(decrypted.plaintext()).isEqualTo(entity);
        assertThat(decrypted.recipientKeyIds()).containsExactly(keyId(property(name + ".pgp.encryptionSubkeys")));
        assertThat(decrypted.integrityVerified()).isTrue();
    }

    private byte[] encrypt(byte[] entity, RecipientKey.Pgp... recipients) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encryptor.encrypt(new ByteArrayInputStream(entity), List.of(recipients), out);
        return out.toByteArray();
    }

    /** The file from its armor on (the MIME framing before it is small). */
    private static InputStream fromArmor(Path file) throws IOException {
        int start;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            start = new String(head, StandardCharsets.ISO_8859_1).indexOf("-----BEGIN PGP MESSAGE-----");
        }
        assertThat(start).isPositive();
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.skipNBytes(start);
        return in;
    }

    /** A MIME entity of a given size, made as it is read: a header, then base64-like lines. */
    static final class GeneratedEntity extends InputStream {

        private static final byte[] HEADER = ("Content-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        private static final byte[] ALPHABET =
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);

        private final long size;
        private long produced;

        GeneratedEntity(long size) {
            this.size = size;
        }

        long produced() {
            return produced;
        }

        @Override
        public int read() {
            if (produced >= size) {
                return -1;
            }
            return byteAt(produced++);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (produced >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - produced);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) byteAt(produced++);
            }
            return n;
        }

        private static int byteAt(long position) {
            if (position < HEADER.length) {
                return HEADER[(int) position];
            }
            long inBody = position - HEADER.length;
            int column = (int) (inBody % 78);
            if (column == 76) {
                return '\r';
            }
            if (column == 77) {
                return '\n';
            }
            return ALPHABET[(int) ((inBody * 7 + inBody / 78) % 64)];
        }
    }

    /** Counts what passes and calls back once when a threshold is crossed. */
    static final class CountingOutputStream extends java.io.FilterOutputStream {

        private final long threshold;
        private final Runnable onThreshold;
        private long count;

        CountingOutputStream(OutputStream out, long threshold, Runnable onThreshold) {
            super(out);
            this.threshold = threshold;
            this.onThreshold = onThreshold;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            passed(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            passed(len);
        }

        private void passed(int n) {
            boolean before = count < threshold;
            count += n;
            if (before && count >= threshold) {
                onThreshold.run();
            }
        }
    }
}
