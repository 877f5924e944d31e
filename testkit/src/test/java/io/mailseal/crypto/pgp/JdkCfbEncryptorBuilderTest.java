package io.mailseal.crypto.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.operator.PGPDataEncryptor;
import org.junit.jupiter.api.Test;

/** CFB computed through CBC: the same cipher text as the JDK's own AES/CFB, whatever the write pattern. */
class JdkCfbEncryptorBuilderTest {

    @Test
    void cipherTextEqualsTheJdksCfbForEveryKeySizeAndWritePattern() throws Exception {
        Random random = new Random(11);
        int[][] keySizes = {
            {SymmetricKeyAlgorithmTags.AES_128, 16},
            {SymmetricKeyAlgorithmTags.AES_192, 24},
            {SymmetricKeyAlgorithmTags.AES_256, 32}};
        for (int[] keySize : keySizes) {
            for (int length : new int[] {0, 1, 15, 16, 17, 18, 100, 16_384, 16_385, 70_001}) {
                byte[] key = new byte[keySize[1]];
                random.nextBytes(key);
                byte[] plain = new byte[length];
                random.nextBytes(plain);
                Cipher cfb = Cipher.getInstance("AES/CFB/NoPadding");
                cfb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
                byte[] expected = cfb.doFinal(plain);

                PGPDataEncryptor encryptor = new JdkCfbEncryptorBuilder(keySize[0], new SecureRandom(),
                        PgpMimeEncryptor.findJdkAes().orElseThrow()).build(key);
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                OutputStream out = encryptor.getOutputStream(sink);
                int off = 0;
                while (off < length) {
                    int n = Math.min(length - off, random.nextInt(3) == 0 ? 1 : random.nextInt(40_000));
                    if (n == 1 && random.nextBoolean()) {
                        out.write(plain[off]);
                    } else {
                        out.write(plain, off, n);
                    }
                    off += n;
                }
                out.close();

                assertThat(sink.toByteArray()).as("AES-%d, %d bytes", keySize[1] * 8, length).isEqualTo(expected);
                assertThat(encryptor.getBlockSize()).isEqualTo(16);
            }
        }
    }

    @Test
    void integrityCalculatorIsSha1OfEverythingWritten() throws Exception {
        byte[] data = new byte[50_000];
        new Random(3).nextBytes(data);
        PGPDataEncryptor encryptor = new JdkCfbEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, new SecureRandom(),
                PgpMimeEncryptor.findJdkAes().orElseThrow()).build(new byte[32]);
        OutputStream digest = encryptor.getIntegrityCalculator().getOutputStream();
        digest.write(data[0]);
        digest.write(data, 1, data.length - 1);

        assertThat(encryptor.getIntegrityCalculator().getDigest())
                .isEqualTo(MessageDigest.getInstance("SHA-1").digest(data));
    }

    @Test
    void bulkAesRunsOnTheJdkProviderInPiecesOfAtMost16Kilobytes() throws Exception {
        javax.crypto.Cipher cbc = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding",
                io.mailseal.crypto.CryptoRuntime.jdkProvider("AES/CBC/NoPadding").orElseThrow());
        cbc.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(new byte[32], "AES"),
                new javax.crypto.spec.IvParameterSpec(new byte[16]));
        byte[] x0 = cbc.update(new byte[16]);
        java.util.List<Integer> pieces = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();

        try (JdkCfbEncryptorBuilder.CfbOutputStream cfb = new JdkCfbEncryptorBuilder.CfbOutputStream(cbc, x0, sink,
                pieces::add)) {
            cfb.write(new byte[100_000]);
            cfb.write(new byte[7]);
            cfb.write(new byte[40_000]);
        }

        org.assertj.core.api.Assertions.assertThat(cbc.getProvider().getClass().getModule().getName())
                .isEqualTo("java.base");
        org.assertj.core.api.Assertions.assertThat(pieces).isNotEmpty()
                .allSatisfy(n -> org.assertj.core.api.Assertions.assertThat(n).isBetween(16, 16 * 1024));
        org.assertj.core.api.Assertions.assertThat(sink.size()).isEqualTo(140_007);
    }
}
