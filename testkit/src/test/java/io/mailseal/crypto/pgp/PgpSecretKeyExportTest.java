package io.mailseal.crypto.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Secret;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Optional;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.S2K;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.junit.jupiter.api.Test;

/** Re-protecting a stored, unprotected secret key for download: every key packet AES-256 under SHA-256 S2K. */
class PgpSecretKeyExportTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private final CryptoRuntime crypto = CryptoRuntime.create();
    private final PgpSecretKeyExport export = new PgpSecretKeyExport(crypto);

    private PgpKeyGenerator.Generated generated() {
        return new PgpKeyGenerator(crypto, CLOCK).generate(new PgpKeyGenerator.Spec(
                EmailAddress.parse("john.doe@company.com"), "John Doe", Optional.empty(),
                PgpKeyGenerator.Algorithm.ED25519, 0, 1));
    }

    private static PGPSecretKeyRing read(byte[] armored) throws Exception {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            return new PGPSecretKeyRing(in, new BcKeyFingerprintCalculator());
        }
    }

    @Test
    void everySecretKeyIsProtectedWithAes256UnderAnIteratedSaltedSha256S2kAndOpensWithThePassphraseOnly()
            throws Exception {
        PgpKeyGenerator.Generated key = generated();

        byte[] armored = export.protect(key.secretKey(), "a good passphrase 1".toCharArray());

        assertThat(new String(armored, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
        PGPSecretKeyRing ring = read(armored);
        assertThat(io.mailseal.keys.RecipientKey.Pgp.fingerprint(ring.getPublicKey().getFingerprint()))
                .isEqualTo(key.fingerprint());
        int count = 0;
        for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); count++) {
            PGPSecretKey secret = it.next();
            assertThat(secret.getKeyEncryptionAlgorithm()).isEqualTo(SymmetricKeyAlgorithmTags.AES_256);
            assertThat(secret.getS2KUsage()).isEqualTo(SecretKeyPacket.USAGE_SHA1);
            assertThat(secret.getS2K().getType()).isEqualTo(S2K.SALTED_AND_ITERATED);
            assertThat(secret.getS2K().getHashAlgorithm()).isEqualTo(HashAlgorithmTags.SHA256);
            assertThat(secret.getS2K().getIterationCount()).as("octets hashed").isEqualTo(33_554_432L);
            assertThat(secret.extractPrivateKey(new BcPBESecretKeyDecryptorBuilder(
                    new BcPGPDigestCalculatorProvider()).build("a good passphrase 1".toCharArray()))).isNotNull();
            assertThatThrownBy(() -> secret.extractPrivateKey(new BcPBESecretKeyDecryptorBuilder(
                    new BcPGPDigestCalculatorProvider()).build("wrong".toCharArray())))
                    .isInstanceOf(PGPException.class);
        }
        assertThat(count).as("primary key and encryption subkey").isEqualTo(2);
    }

    @Test
    void somethingThatIsNotASecretKeyFailsWithItsCodeAndNoKeyMaterial() {
        assertThatThrownBy(() -> export.protect(Secret.of("not a key"), "a good passphrase 1".toCharArray()))
                .isInstanceOfSatisfying(PgpException.class, e -> {
                    assertThat(e.code()).isEqualTo(PgpException.Code.KEY_EXPORT_FAILED);
                    assertThat(e.getMessage()).doesNotContain("not a key");
                });
    }

    @Test
    void anAlreadyProtectedKeyIsRefused() {
        byte[] protectedOnce = export.protect(generated().secretKey(), "a good passphrase 1".toCharArray());

        assertThatThrownBy(() -> export.protect(Secret.of(new String(protectedOnce, StandardCharsets.US_ASCII)),
                "another passphrase 2".toCharArray())).isInstanceOfSatisfying(PgpException.class,
                        e -> assertThat(e.getMessage()).contains("protected already"));
    }
}
