package io.mailseal.crypto.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.smime.SmimeOptions.ContentEncryption;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmimeEncryptorTest {

    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static final Provider BC = CRYPTO.bouncyCastle();
    private static final X509Certificate ALICE = TestIdentities.certificate("alice");
    private static final PrivateKey ALICE_KEY = TestIdentities.privateKey("alice");
    private static final X509Certificate CAROL = TestIdentities.certificate("carol");
    private static final PrivateKey CAROL_KEY = TestIdentities.privateKey("carol");

    static List<Arguments> contentShapes() {
        return List.of(
                Arguments.of("plain text", SampleEntities.plainText()),
                Arguments.of("HTML with inline image", SampleEntities.htmlWithInlineImage()),
                Arguments.of("attachment", SampleEntities.withAttachment()),
                Arguments.of("UTF-8 8bit body", SampleEntities.nonAsciiEightBit()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentShapes")
    void rsaRecipientDecryptsEveryContentShapeByteForByte(String shape, byte[] entity) throws Exception {
        byte[] encrypted = encrypt(SmimeOptions.defaults(), entity, List.of(ALICE));

        byte[] decrypted = SmimeMessages.decrypt(new ByteArrayInputStream(SmimeMessages.der(encrypted)), ALICE,
                ALICE_KEY, BC);

        assertThat(decrypted).isEqualTo(entity);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentShapes")
    void ecRecipientDecryptsEveryContentShapeByteForByte(String shape, byte[] entity) throws Exception {
        byte[] encrypted = encrypt(SmimeOptions.defaults(), entity, List.of(CAROL));

        byte[] decrypted = SmimeMessages.decrypt(new ByteArrayInputStream(SmimeMessages.der(encrypted)), CAROL,
                CAROL_KEY, BC);

        assertThat(decrypted).isEqualTo(entity);
    }

    @Test
    void defaultOutputIsAnEnvelopedDataEntityWithBase64LinesOf76() throws Exception {
        byte[] encrypted = encrypt(SmimeOptions.defaults(), SampleEntities.withAttachment(), List.of(ALICE));

        assertThat(SmimeMessages.headers(encrypted)).isEqualTo(
                "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n"
                        + "Content-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename=smime.p7m\r\n");
        String body = new String(SmimeMessages.body(encrypted), StandardCharsets.US_ASCII);
        assertThat(body).endsWith("\r\n").doesNotContain("\r\n\r\n");
        List<String> lines = List.of(body.split("\r\n"));
        assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(line -> assertThat(line).hasSize(76));
        assertThat(lines.get(lines.size() - 1)).hasSizeBetween(1, 76).matches("[A-Za-z0-9+/=]+");
        assertThat(body.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void defaultUsesAes256CbcAndRsaPkcs1v15IdentifiedByIssuerAndSerial() throws Exception {
        byte[] encrypted = encrypt(SmimeOptions.defaults(), SampleEntities.plainText(), List.of(ALICE));

        CMSEnvelopedData enveloped = new CMSEnvelopedData(SmimeMessages.der(encrypted));
        assertThat(enveloped.getContentEncryptionAlgorithm().getAlgorithm())
                .isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
        KeyTransRecipientInfo info = KeyTransRecipientInfo.getInstance(
                recipientInfos(enveloped).get(0).getInfo());
        assertThat(info.getKeyEncryptionAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.rsaEncryption);
        assertThat(info.getRecipientIdentifier().isTagged()).as("issuerAndSerialNumber, not subjectKeyIdentifier")
                .isFalse();
    }

    @Test
    void rsaAndEcRecipientsInOneMessageCanEachDecrypt() throws Exception {
        byte[] entity = SampleEntities.htmlWithInlineImage();
        byte[] encrypted = encrypt(SmimeOptions.defaults(), entity, List.of(ALICE, CAROL));
        byte[] der = SmimeMessages.der(encrypted);

        assertThat(SmimeMessages.decrypt(new ByteArrayInputStream(der), ALICE, ALICE_KEY, BC)).isEqualTo(entity);
        assertThat(SmimeMessages.decrypt(new ByteArrayInputStream(der), CAROL, CAROL_KEY, BC)).isEqualTo(entity);
        List<RecipientInfo> infos = recipientInfos(new CMSEnvelopedData(der));
        assertThat(infos).hasSize(2);
        KeyAgreeRecipientInfo agree = KeyAgreeRecipientInfo.getInstance(infos.get(1).getInfo());
        assertThat(agree.getKeyEncryptionAlgorithm().getAlgorithm()).isEqualTo(CMSAlgorithm.ECDH_SHA256KDF);
    }

    @Test
    void gcmOptInProducesAuthEnvelopedDataThatDecrypts() throws Exception {
        byte[] entity = SampleEntities.nonAsciiEightBit();
        SmimeOptions gcm = new SmimeOptions(ContentEncryption.AES_256_GCM, false);

        byte[] encrypted = encrypt(gcm, entity, List.of(ALICE, CAROL));

        assertThat(SmimeMessages.headers(encrypted))
                .startsWith("Content-Type: application/pkcs7-mime; smime-type=authEnveloped-data; name=smime.p7m\r\n");
        byte[] der = SmimeMessages.der(encrypted);
        assertThat(ContentInfo.getInstance(der).getContentType())
                .isEqualTo(new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.1.23"));
        assertThat(SmimeMessages.decryptAuthenticated(der, ALICE, ALICE_KEY, BC)).isEqualTo(entity);
        assertThat(SmimeMessages.decryptAuthenticated(der, CAROL, CAROL_KEY, BC)).isEqualTo(entity);
    }

    @Test
    void gcmCiphertextThatWasTamperedWithDoesNotDecrypt() throws Exception {
        byte[] entity = SampleEntities.plainText();
        byte[] der = SmimeMessages.der(encrypt(new SmimeOptions(ContentEncryption.AES_256_GCM, false), entity,
                List.of(ALICE)));
        int inCiphertext = der.length - 60;
        der[inCiphertext] ^= 1;

        assertThatThrownBy(() -> SmimeMessages.decryptAuthenticated(der, ALICE, ALICE_KEY, BC))
                .isInstanceOfAny(Exception.class);
    }

    @Test
    void oaepOptInWrapsTheKeyWithRsaesOaepSha256() throws Exception {
        byte[] entity = SampleEntities.withAttachment();

        byte[] encrypted = encrypt(new SmimeOptions(ContentEncryption.AES_256_CBC, true), entity, List.of(ALICE));

        byte[] der = SmimeMessages.der(encrypted);
        KeyTransRecipientInfo info = KeyTransRecipientInfo.getInstance(
                recipientInfos(new CMSEnvelopedData(der)).get(0).getInfo());
        assertThat(info.getKeyEncryptionAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_RSAES_OAEP);
        assertThat(org.bouncycastle.asn1.pkcs.RSAESOAEPparams.getInstance(
                info.getKeyEncryptionAlgorithm().getParameters()).getHashAlgorithm().getAlgorithm())
                .isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(SmimeMessages.decrypt(new ByteArrayInputStream(der), ALICE, ALICE_KEY, BC)).isEqualTo(entity);
    }

    @Test
    void twentyMegabyteEntityStreamsAndDecrypts(@TempDir Path dir) throws Exception {
        long bodyBytes = 20L * 1024 * 1024;
        MessageDigest original = MessageDigest.getInstance("SHA-256");
        Path encrypted = dir.resolve("big.eml");
        try (InputStream entity = new DigestInputStream(SampleEntities.generated(bodyBytes, 42), original);
             OutputStream out = Files.newOutputStream(encrypted)) {
            new SmimeEncryptor(CRYPTO, SmimeOptions.defaults()).encrypt(entity, List.of(ALICE), out);
        }

        MessageDigest decrypted = MessageDigest.getInstance("SHA-256");
        long decryptedBytes = 0;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(encrypted))) {
            skipHeaderSection(file);
            org.bouncycastle.cms.CMSEnvelopedDataParser parser =
                    new org.bouncycastle.cms.CMSEnvelopedDataParser(Base64.getMimeDecoder().wrap(file));
            org.bouncycastle.cms.RecipientInformation info = parser.getRecipientInfos()
                    .get(new org.bouncycastle.cms.jcajce.JceKeyTransRecipientId(ALICE));
            try (InputStream content = info.getContentStream(
                    new org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient(ALICE_KEY).setProvider(BC))
                    .getContentStream()) {
                byte[] buffer = new byte[1 << 16];
                for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                    decrypted.update(buffer, 0, n);
                    decryptedBytes += n;
                }
            }
        }
        assertThat(decryptedBytes).isGreaterThan(bodyBytes);
        assertThat(decrypted.digest()).isEqualTo(original.digest());
        assertThat(Files.size(encrypted)).isGreaterThan(bodyBytes * 4 / 3);
    }

    @Test
    void fiftyMegabyteEntityEncryptsWithin256MegabyteHeap() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), HeapBoundEncryption.class.getName(),
                String.valueOf(50L * 1024 * 1024))
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = child.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as(output).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("encrypted " + (50L * 1024 * 1024) + " body bytes");
    }

    @Test
    void bulkAesRunsOnTheJdkProviderInPiecesOfAtMost16Kilobytes() throws Exception {
        List<Provider> providers = new CopyOnWriteArrayList<>();
        List<Integer> pieces = new CopyOnWriteArrayList<>();
        CipherFeed feed = (provider, length) -> {
            providers.add(provider);
            pieces.add(length);
        };
        byte[] entity = SampleEntities.generated(3L * 1024 * 1024, 5).readAllBytes();

        for (ContentEncryption content : ContentEncryption.values()) {
            SmimeEncryptor encryptor = new SmimeEncryptor(CRYPTO, new SmimeOptions(content, false), feed);
            encryptor.encrypt(new ByteArrayInputStream(entity), List.of(ALICE), OutputStream.nullOutputStream());
        }

        assertThat(pieces).isNotEmpty().allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(16 * 1024));
        assertThat(pieces.stream().mapToLong(Integer::longValue).sum()).isEqualTo((long) ContentEncryption.values().length * entity.length);
        assertThat(providers).allSatisfy(provider -> {
            assertThat(provider).isNotSameAs(BC);
            assertThat(provider.getClass().getModule().isNamed()).isTrue();
            assertThat(provider.getClass().getModule().getName()).isEqualTo("java.base");
        });
    }

    @Test
    void aPieceLargerThan16KilobytesWrittenAtOnceIsSplitBeforeTheCipher() throws Exception {
        List<Integer> pieces = new ArrayList<>();
        JdkAes aes = JdkAes.find(CRYPTO.random(), (provider, length) -> pieces.add(length));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        try (OutputStream cipher = aes.cbc().getOutputStream(sink)) {
            cipher.write(new byte[100_000]);
        }

        assertThat(pieces).containsExactly(16384, 16384, 16384, 16384, 16384, 16384, 1696, 0);
        assertThat(sink.size()).isEqualTo(100_000 + 16 - 100_000 % 16);
    }

    @Test
    void jdkProviderIsRecognisedByItsModuleAndBouncyCastleIsNot() throws Exception {
        assertThat(io.mailseal.crypto.CryptoRuntime.isJdkProvider(javax.crypto.Cipher.getInstance("AES/GCM/NoPadding",
                JdkAes.find(CRYPTO.random(), CipherFeed.NONE).provider()).getProvider())).isTrue();
        assertThat(io.mailseal.crypto.CryptoRuntime.isJdkProvider(BC)).isFalse();
    }

    @Test
    void certificateWithUnsupportedKeyIsRefusedWithItsSubject() throws Exception {
        X509Certificate p521 = OtherCertificates.p521("CN=P521 Test");
        SmimeEncryptor encryptor = new SmimeEncryptor(CRYPTO, SmimeOptions.defaults());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> encryptor.encrypt(new ByteArrayInputStream(SampleEntities.plainText()),
                List.of(ALICE, p521), out))
                .isInstanceOfSatisfying(SmimeException.class, e -> {
                    assertThat(e.code()).isEqualTo(SmimeException.Code.UNSUPPORTED_RECIPIENT_KEY);
                    assertThat(e.getMessage()).contains("CN=P521 Test").contains("P-256");
                });
        assertThat(out.size()).as("nothing written before the recipients were checked").isZero();
    }

    @Test
    void noRecipientsIsAProgrammingError() {
        SmimeEncryptor encryptor = new SmimeEncryptor(CRYPTO, SmimeOptions.defaults());

        assertThatThrownBy(() -> encryptor.encrypt(new ByteArrayInputStream(SampleEntities.plainText()), List.of(),
                OutputStream.nullOutputStream())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoEncryptionsOfTheSameEntityDifferInKeyAndIv() throws Exception {
        byte[] entity = SampleEntities.plainText();

        assertThat(encrypt(SmimeOptions.defaults(), entity, List.of(ALICE)))
                .isNotEqualTo(encrypt(SmimeOptions.defaults(), entity, List.of(ALICE)));
    }

    private static byte[] encrypt(SmimeOptions options, byte[] entity, List<X509Certificate> recipients)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmimeEncryptor(CRYPTO, options).encrypt(new ByteArrayInputStream(entity), recipients, out);
        return out.toByteArray();
    }

    private static List<RecipientInfo> recipientInfos(CMSEnvelopedData enveloped) {
        EnvelopedData data = EnvelopedData.getInstance(enveloped.toASN1Structure().getContent());
        List<RecipientInfo> infos = new ArrayList<>();
        for (int i = 0; i < data.getRecipientInfos().size(); i++) {
            infos.add(RecipientInfo.getInstance(data.getRecipientInfos().getObjectAt(i)));
        }
        return infos;
    }

    private static void skipHeaderSection(InputStream in) throws IOException {
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("no blank line after the header section");
            }
            state = switch (state) {
                case 0, 2 -> b == '\r' ? state + 1 : 0;
                case 1, 3 -> b == '\n' ? state + 1 : (b == '\r' ? 1 : 0);
                default -> state;
            };
        }
    }
}
