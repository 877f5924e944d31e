package io.mailseal.crypto.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.format.OpenPgpKeyReader;
import io.mailseal.keys.select.OpenPgpKeyRules;
import io.mailseal.testkit.GnuPg;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keys made for the USE sync are real OpenPGP keys: Mailseal's own key rules accept them for their address, the
 * engine's PGP/MIME path encrypts to them, and the real gpg decrypts with the secret key and reads the user ID,
 * expiry and key flags Mailseal wrote.
 */
class PgpKeyGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final EmailAddress JOHN = EmailAddress.parse("john.doe@company.com");
    private static final byte[] ENTITY = "Content-Type: text/plain; charset=us-ascii\r\n\r\nHello John\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private final CryptoRuntime crypto = CryptoRuntime.create();
    private final PgpKeyGenerator generator = new PgpKeyGenerator(crypto, CLOCK);

    @ParameterizedTest
    @CsvSource({"RSA, 2048, 1, 1", "ED25519, 0, 10, 18"})
    void gpgDecryptsWhatTheEngineEncryptsToAGeneratedKeyAndReadsItsUserIdExpiryAndFlags(
            PgpKeyGenerator.Algorithm algorithm, int bits, int years, int gpgSubkeyAlgorithm) throws Exception {
        assumeTrue(GnuPg.available(), "gpg is not installed");
        PgpKeyGenerator.Spec spec = new PgpKeyGenerator.Spec(JOHN, "John Doe", Optional.of("Retarus Key"), algorithm,
                bits, years);

        PgpKeyGenerator.Generated key = generator.generate(spec);

        assertThat(key.userId()).isEqualTo("John Doe (Retarus Key) <john.doe@company.com>");
        assertThat(key.expires()).isEqualTo(NOW.atOffset(ZoneOffset.UTC).plusYears(years).toInstant());
        RecipientKey.Pgp recipient = usable(key);
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        new PgpMimeEncryptor(crypto, CLOCK).encrypt(new ByteArrayInputStream(ENTITY), List.of(recipient), encrypted);
        try (GnuPg gpg = new GnuPg(dir)) {
            assertThat(gpg.importKey(key.secretKey().reveal().getBytes(StandardCharsets.US_ASCII)).exitCode())
                    .isZero();
            Path output = dir.resolve("plain.out");
            GnuPg.Result decrypted = gpg.decrypt(GnuPg.armoredMessage(encrypted.toByteArray()), output);
            assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
            assertThat(decrypted.stdout()).contains("[GNUPG:] DECRYPTION_OKAY");
            assertThat(Files.readAllBytes(output)).isEqualTo(ENTITY);

            List<String> listing = gpg.listKeys().stdout().lines().toList();
            String[] pub = fields(listing, "pub");
            String[] sub = fields(listing, "sub");
            String[] uid = fields(listing, "uid");
            assertThat(pub[6]).as("expiry").isEqualTo(Long.toString(key.expires().getEpochSecond()));
            assertThat(pub[11]).as("primary: sign and certify; key: encrypt (capital letters: the whole key)")
                    .isEqualTo("scESC");
            assertThat(sub[11]).as("subkey: encrypt only").isEqualTo("e");
            assertThat(sub[3]).as("subkey algorithm").isEqualTo(Integer.toString(gpgSubkeyAlgorithm));
            assertThat(sub[6]).isEqualTo(Long.toString(key.expires().getEpochSecond()));
            assertThat(uid[9]).isEqualTo("John Doe (Retarus Key) <john.doe@company.com>");
            assertThat(pub[1]).as("validity: not expired, not revoked").isNotIn("e", "r");
        }
    }

    @Test
    void rsaKeysHaveTheRequestedSizeAndTheSecretNeverShowsInText() {
        PgpKeyGenerator.Generated key = generator.generate(new PgpKeyGenerator.Spec(JOHN, "John Doe",
                Optional.empty(), PgpKeyGenerator.Algorithm.RSA, 3072, 1));

        RecipientKey.Pgp recipient = usable(key);

        assertThat(recipient.keyRing().getPublicKey().getBitStrength()).isEqualTo(3072);
        assertThat(recipient.userId()).isEqualTo("John Doe <john.doe@company.com>");
        assertThat(key.toString()).doesNotContain("PRIVATE").contains(key.fingerprint());
        assertThat(key.secretKey().toString()).isEqualTo("********");
        assertThat(key.secretKey().reveal()).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    }

    private static RecipientKey.Pgp usable(PgpKeyGenerator.Generated key) {
        OpenPgpKeyReader.Result read = new OpenPgpKeyReader().read(key.publicKey());
        assertThat(read).isInstanceOf(OpenPgpKeyReader.Read.class);
        OpenPgpKeyRules.Outcome outcome = new OpenPgpKeyRules(CLOCK).check(JOHN,
                ((OpenPgpKeyReader.Read) read).keyRings().get(0));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(OpenPgpKeyRules.Usable.class);
        return ((OpenPgpKeyRules.Usable) outcome).key();
    }

    private static String[] fields(List<String> listing, String type) {
        return listing.stream().filter(line -> line.startsWith(type + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " line in " + listing)).split(":", -1);
    }
}
