package io.mailseal.testkit.identities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.gpg.keybox.KeyBlob;
import org.bouncycastle.gpg.keybox.PublicKeyRingBlob;
import org.bouncycastle.gpg.keybox.jcajce.JcaKeyBoxBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPUserId;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that the committed fixtures are what the identities README claims. */
class TestIdentitiesTest {

    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int RFC822_NAME = 1;
    private static final String EMAIL_ADDRESS_OID = "1.2.840.113549.1.9.1";

    private static final List<String> END_ENTITIES = List.of("alice", "alice-old", "carol", "dave-expired",
            "frank-wrong-eku", "grace-sign-only", "heidi-legacy-dn", "ivan-weak", "judy-ca");
    private static final List<String> PGP_IDENTITIES = List.of("alice", "bob", "carol", "dave-expired", "erin-revoked",
            "mallory-uid-revoked", "oscar-sign-only", "peggy-two-subkeys");

    private static final Date MID_2020 = date("2020-06-01T00:00:00Z");
    private static final Date MID_2025 = date("2025-06-01T00:00:00Z");

    @TempDir
    Path dir;

    // ---------------------------------------------------------------------------------------------- S/MIME

    @Test
    void aliceIsAGoodRsaRecipient() throws Exception {
        X509Certificate alice = TestIdentities.certificate("alice");

        assertThat(alice.getSubjectAlternativeNames()).containsExactly(List.of(RFC822_NAME, "alice@example.com"));
        assertThat(alice.getExtendedKeyUsage()).containsExactly(EMAIL_PROTECTION);
        assertThat(alice.getKeyUsage()).containsExactly(true, false, true, false, false, false, false, false, false);
        assertThat(alice.getBasicConstraints()).isEqualTo(-1);
        assertThat(alice.getNotBefore()).isEqualTo(date("2025-01-01T00:00:00Z"));
        assertThat(alice.getNotAfter()).isEqualTo(date("2035-01-01T00:00:00Z"));
        assertThat(((RSAPublicKey) alice.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(alice.getSubjectX500Principal().getName()).isEqualTo("CN=Alice Test,O=Mailseal Test");
        assertThat(((RSAPrivateKey) TestIdentities.privateKey("alice")).getModulus())
                .isEqualTo(((RSAPublicKey) alice.getPublicKey()).getModulus());
    }

    @Test
    void aliceOldIsAnOlderValidCertificateForTheSameAddress() throws Exception {
        X509Certificate old = TestIdentities.certificate("alice-old");
        X509Certificate alice = TestIdentities.certificate("alice");

        assertThat(old.getSubjectAlternativeNames()).containsExactly(List.of(RFC822_NAME, "alice@example.com"));
        assertThat(old.getNotBefore()).isEqualTo(date("2024-01-01T00:00:00Z")).isBefore(alice.getNotBefore());
        assertThat(old.getNotAfter()).isEqualTo(date("2034-01-01T00:00:00Z"));
        old.checkValidity(MID_2025);
        assertThat(old.getSubjectX500Principal()).isEqualTo(alice.getSubjectX500Principal());
        assertThat(old.getPublicKey()).isNotEqualTo(alice.getPublicKey());
    }

    @Test
    void carolIsAnEcKeyAgreementRecipient() throws Exception {
        X509Certificate carol = TestIdentities.certificate("carol");

        assertThat(carol.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) carol.getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        assertThat(carol.getKeyUsage()).containsExactly(true, false, false, false, true, false, false, false, false);
        assertThat(carol.getSubjectAlternativeNames()).containsExactly(List.of(RFC822_NAME, "carol@example.com"));
        assertThat(TestIdentities.privateKey("carol")).isInstanceOf(ECPrivateKey.class);
    }

    @Test
    void daveIsExpired() throws Exception {
        X509Certificate dave = TestIdentities.certificate("dave-expired");

        dave.checkValidity(MID_2020);
        assertThatThrownBy(() -> dave.checkValidity(MID_2025)).isInstanceOf(CertificateExpiredException.class);
        assertThat(dave.getNotAfter()).isEqualTo(date("2021-01-01T00:00:00Z"));
    }

    @Test
    void frankHasOnlyServerAuth() throws Exception {
        assertThat(TestIdentities.certificate("frank-wrong-eku").getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    }

    @Test
    void graceMaySignOnly() {
        assertThat(TestIdentities.certificate("grace-sign-only").getKeyUsage())
                .containsExactly(true, false, false, false, false, false, false, false, false);
    }

    @Test
    void heidiHasNoSanButALegacyEmailAddressInTheSubject() throws Exception {
        X509Certificate heidi = TestIdentities.certificate("heidi-legacy-dn");

        assertThat(heidi.getSubjectAlternativeNames()).isNull();
        assertThat(heidi.getSubjectX500Principal().getName(X500Principal.RFC2253,
                Map.of(EMAIL_ADDRESS_OID, "emailAddress")))
                .isEqualTo("emailAddress=heidi@example.com,CN=Heidi Test,O=Mailseal Test");
    }

    @Test
    void ivanIsWeak() {
        assertThat(((RSAPublicKey) TestIdentities.certificate("ivan-weak").getPublicKey()).getModulus().bitLength())
                .isEqualTo(1024);
    }

    @Test
    void judyIsACa() throws Exception {
        X509Certificate judy = TestIdentities.certificate("judy-ca");

        assertThat(judy.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(judy.getSubjectAlternativeNames()).containsExactly(List.of(RFC822_NAME, "judy@example.com"));
    }

    @Test
    void everyEndEntityIsIssuedByTheTestCaWithItsRecordedSerial() throws Exception {
        X509Certificate ca = TestIdentities.certificate("ca");
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Mailseal Test CA,O=Mailseal Test");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(((RSAPublicKey) ca.getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(ca.getNotBefore()).isEqualTo(date("2019-01-01T00:00:00Z"));
        assertThat(ca.getNotAfter()).isEqualTo(date("2039-01-01T00:00:00Z"));
        assertThat(ca.getSerialNumber().toString(16)).isEqualTo(TestIdentities.property("ca.smime.serial"));

        for (String name : END_ENTITIES) {
            X509Certificate cert = TestIdentities.certificate(name);
            cert.verify(ca.getPublicKey());
            assertThat(cert.getIssuerX500Principal()).as(name).isEqualTo(ca.getSubjectX500Principal());
            assertThat(cert.getSerialNumber().toString(16)).as(name)
                    .isEqualTo(TestIdentities.property(name + ".smime.serial"));
            assertThat(Hex.toHexString(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()))
                    .toUpperCase(Locale.ROOT)).as(name).isEqualTo(TestIdentities.property(name + ".smime.sha256"));
            assertThat(TestIdentities.bytes(name + ".der")).as(name).isEqualTo(cert.getEncoded());
            assertThat(TestIdentities.privateKey(name)).as(name).isNotNull();
        }
    }

    @Test
    void p7bKeyStoresHoldEveryEndEntityAndTheCa() throws Exception {
        List<String> expected = serials(Stream.concat(END_ENTITIES.stream(), Stream.of("ca"))
                .map(TestIdentities::certificate).collect(Collectors.toList()));

        byte[] pem = TestIdentities.bytes("smime-keystore-pem.p7b");
        assertThat(new String(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PKCS7-----");
        assertThat(serials(certificates("smime-keystore.p7b"))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(serials(certificates("smime-keystore-pem.p7b"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aliceBundlesHoldAliceAndTheCa() throws Exception {
        List<String> expected = serials(List.of(TestIdentities.certificate("alice"), TestIdentities.certificate("ca")));

        assertThat(serials(certificates("alice.p7b"))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(serials(certificates("alice-chain.pem"))).containsExactlyElementsOf(expected);
    }

    @Test
    void pkcs12FilesOpenWithPasswordTest() throws Exception {
        for (String name : List.of("alice", "carol")) {
            KeyStore p12 = KeyStore.getInstance("PKCS12");
            p12.load(new ByteArrayInputStream(TestIdentities.bytes(name + ".p12")), "test".toCharArray());

            assertThat(p12.isKeyEntry(name)).as(name).isTrue();
            assertThat(p12.getCertificate(name)).as(name).isEqualTo(TestIdentities.certificate(name));
            assertThat(p12.getKey(name, "test".toCharArray()).getEncoded()).as(name)
                    .isEqualTo(TestIdentities.privateKey(name).getEncoded());
        }
    }

    @Test
    void bksKeyStoreOpensWithAnExplicitBouncyCastleProvider() throws Exception {
        KeyStore bks = KeyStore.getInstance("BKS", new BouncyCastleProvider());
        bks.load(new ByteArrayInputStream(TestIdentities.bytes("smime-keystore.bks")), "changeit".toCharArray());

        List<String> names = new ArrayList<>(END_ENTITIES);
        names.add("ca");
        assertThat(Collections.list(bks.aliases())).containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            assertThat(bks.isCertificateEntry(name)).as(name).isTrue();
            assertThat(bks.getCertificate(name)).as(name).isEqualTo(TestIdentities.certificate(name));
        }
    }

    // ---------------------------------------------------------------------------------------------- OpenPGP

    @Test
    void fingerprintsInThePropertiesAre40UpperCaseHexDigits() throws Exception {
        Properties properties = new Properties();
        properties.load(new ByteArrayInputStream(TestIdentities.bytes(TestIdentities.PROPERTIES_FILE)));

        for (String name : PGP_IDENTITIES) {
            assertThat(TestIdentities.pgpFingerprint(name)).as(name).matches("[0-9A-F]{40}");
            String subkeys = TestIdentities.property(name + ".pgp.encryptionSubkeys");
            if (!subkeys.isEmpty()) {
                assertThat(subkeys.split(",")).as(name).allMatch(fpr -> fpr.matches("[0-9A-F]{40}"));
            }
        }
        assertThat(properties.stringPropertyNames().stream().filter(k -> k.endsWith(".pgp.fingerprint")))
                .hasSize(PGP_IDENTITIES.size());
        assertThat(TestIdentities.property("oscar-sign-only.pgp.encryptionSubkeys")).isEmpty();
    }

    @Test
    void everyPgpFileHoldsTheRecordedKey() throws Exception {
        OpenPGPKeyReader reader = new OpenPGPKeyReader();
        for (String name : PGP_IDENTITIES) {
            OpenPGPCertificate binary = reader.parseCertificate(TestIdentities.bytes(name + ".pgp"));
            OpenPGPCertificate armored = reader.parseCertificate(TestIdentities.bytes(name + ".asc"));
            OpenPGPCertificate secret = reader.parseKey(TestIdentities.bytes(name + "-secret.asc"));

            assertThat(certFingerprint(binary)).as(name).isEqualTo(TestIdentities.pgpFingerprint(name));
            assertThat(certFingerprint(armored)).as(name).isEqualTo(TestIdentities.pgpFingerprint(name));
            assertThat(certFingerprint(secret)).as(name).isEqualTo(TestIdentities.pgpFingerprint(name));
            assertThat(binary.getAllUserIds()).extracting(OpenPGPUserId::getUserId).as(name)
                    .anyMatch(uid -> uid.contains("<" + TestIdentities.property(name + ".address") + ">"));
        }
    }

    @Test
    void usableEncryptionKeysAreTheRecordedSubkeys() throws Exception {
        Date now = new Date();
        assertThat(encryptionKeys("bob", now)).containsExactly(TestIdentities.property("bob.pgp.encryptionSubkeys"));
        assertThat(encryptionKeys("carol", now))
                .containsExactly(TestIdentities.property("carol.pgp.encryptionSubkeys"));
        assertThat(encryptionKeys("mallory-uid-revoked", now))
                .containsExactly(TestIdentities.property("mallory-uid-revoked.pgp.encryptionSubkeys"));
        assertThat(encryptionKeys("oscar-sign-only", now)).isEmpty();
    }

    @Test
    void daveExpiredAndErinIsRevoked() throws Exception {
        assertThat(encryptionKeys("dave-expired", MID_2020))
                .containsExactly(TestIdentities.property("dave-expired.pgp.encryptionSubkeys"));
        assertThat(encryptionKeys("dave-expired", MID_2025)).isEmpty();
        assertThat(pgp("dave-expired").getExpirationTime()).isBefore(date("2021-01-02T00:00:00Z"));

        assertThat(encryptionKeys("erin-revoked", new Date())).isEmpty();
        assertThat(pgp("erin-revoked").getRevocation()).isNotNull();
    }

    @Test
    void malloryHasOnlyTheOtherAddressValid() throws Exception {
        assertThat(pgp("mallory-uid-revoked").getAllUserIds()).extracting(OpenPGPUserId::getUserId)
                .containsExactlyInAnyOrder("Mallory <mallory@example.com>", "Mallory Other <mallory@other.example>");
        assertThat(pgp("mallory-uid-revoked").getValidUserIds()).extracting(OpenPGPUserId::getUserId)
                .containsExactly("Mallory Other <mallory@other.example>");
    }

    @Test
    void peggyHasTwoEncryptionSubkeysTheNewestLast() throws Exception {
        List<OpenPGPComponentKey> keys = new ArrayList<>(pgp("peggy-two-subkeys").getEncryptionKeys(MID_2025));
        keys.sort(Comparator.comparing(OpenPGPComponentKey::getCreationTime));

        assertThat(keys).extracting(key -> key.getCreationTime().toInstant())
                .containsExactly(Instant.parse("2024-01-01T00:00:10Z"), Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(keys).extracting(TestIdentitiesTest::keyFingerprint)
                .containsExactly(TestIdentities.property("peggy-two-subkeys.pgp.encryptionSubkeys").split(","));
        assertThat(keyFingerprint(keys.get(1)))
                .isEqualTo(TestIdentities.property("peggy-two-subkeys.pgp.newestEncryptionSubkey"));
    }

    @Test
    void legacyKeyringIsNotAKeyboxAndHoldsFourKeys() throws Exception {
        byte[] keyring = TestIdentities.bytes("pgp-keyring.gpg");

        assertThat(keyring[0] & 0x80).as("an OpenPGP packet tag").isNotZero();
        assertThat(Arrays.copyOfRange(keyring, 8, 12)).isNotEqualTo("KBXf".getBytes(StandardCharsets.US_ASCII));
        assertThat(TestIdentities.bytes("pgp-keyring.pkr")).isEqualTo(keyring);
        assertThat(new OpenPGPKeyReader().parseCertificates(keyring)).extracting(TestIdentitiesTest::certFingerprint)
                .containsExactlyInAnyOrderElementsOf(fingerprints("bob", "carol", "dave-expired", "erin-revoked"));
    }

    @Test
    void concatenatedArmorHoldsThreeKeysBetweenText() throws Exception {
        byte[] concatenated = TestIdentities.bytes("pgp-concatenated.asc");

        assertThat(new String(concatenated, StandardCharsets.US_ASCII)).doesNotStartWith("-----")
                .containsSubsequence("Bob's key:", "-----END PGP PUBLIC KEY BLOCK-----", "Carol's key",
                        "-----END PGP PUBLIC KEY BLOCK-----", "Peggy's key", "-----END PGP PUBLIC KEY BLOCK-----",
                        "End of the list.");
        assertThat(new OpenPGPKeyReader().parseCertificates(concatenated))
                .extracting(TestIdentitiesTest::certFingerprint)
                .containsExactlyElementsOf(fingerprints("bob", "carol", "peggy-two-subkeys"));
    }

    @Test
    void keyboxHasAnEmptyBlobBetweenBobAndCarol() throws Exception {
        byte[] kbx = TestIdentities.bytes("pgp-pubring.kbx");

        assertThat(blobTypes(kbx)).containsExactly(1, 2, 0, 2, 2);
        List<String> read = new ArrayList<>();
        for (KeyBlob blob : new JcaKeyBoxBuilder().setProvider(new BouncyCastleProvider()).build(kbx).getKeyBlobs()) {
            read.add(certFingerprint(new OpenPGPCertificate(((PublicKeyRingBlob) blob).getPGPPublicKeyRing())));
        }
        assertThat(read).containsExactlyElementsOf(fingerprints("bob", "carol", "peggy-two-subkeys"));
    }

    // ---------------------------------------------------------------------------------------------- accessors

    @Test
    void missingFilesAndPropertiesAreNamed() {
        assertThatThrownBy(() -> TestIdentities.bytes("nobody.crt")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nobody.crt");
        assertThatThrownBy(() -> TestIdentities.certificate("nobody")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nobody.crt");
        assertThatThrownBy(() -> TestIdentities.bytes("../identities/alice.crt"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestIdentities.property("nobody.address"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nobody.address");
        assertThatThrownBy(() -> TestIdentities.pgpFingerprint("ivan-weak"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ivan-weak.pgp.fingerprint");
    }

    @Test
    void copyToWritesTheFile() throws Exception {
        Path copy = TestIdentities.copyTo(dir.resolve("sub"), "bob.pgp");

        assertThat(copy).isEqualTo(dir.resolve("sub").resolve("bob.pgp"));
        assertThat(Files.readAllBytes(copy)).isEqualTo(TestIdentities.bytes("bob.pgp"));
        assertThat(TestIdentities.copyTo(dir.resolve("sub"), "bob.pgp")).hasSameBinaryContentAs(copy);
    }

    @Test
    void propertiesGiveTheAddresses() {
        assertThat(TestIdentities.property("alice.address")).isEqualTo("alice@example.com");
        assertThat(TestIdentities.property("mallory-uid-revoked.otherAddress")).isEqualTo("mallory@other.example");
        assertThat(TestIdentities.property("carol.smime.serial")).isEqualTo("1003");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static Date date(String instant) {
        return Date.from(Instant.parse(instant));
    }

    private static Collection<? extends Certificate> certificates(String fileName) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(TestIdentities.bytes(fileName)));
    }

    private static List<String> serials(Collection<? extends Certificate> certificates) {
        return certificates.stream().map(c -> ((X509Certificate) c).getSerialNumber().toString(16))
                .collect(Collectors.toList());
    }

    private static OpenPGPCertificate pgp(String name) throws Exception {
        return new OpenPGPKeyReader().parseCertificate(TestIdentities.bytes(name + ".pgp"));
    }

    private static List<String> encryptionKeys(String name, Date at) throws Exception {
        return pgp(name).getEncryptionKeys(at).stream().map(TestIdentitiesTest::keyFingerprint)
                .collect(Collectors.toList());
    }

    private static List<String> fingerprints(String... names) {
        return Stream.of(names).map(TestIdentities::pgpFingerprint).collect(Collectors.toList());
    }

    private static String certFingerprint(OpenPGPCertificate certificate) {
        return Hex.toHexString(certificate.getFingerprint()).toUpperCase(Locale.ROOT);
    }

    private static String keyFingerprint(OpenPGPComponentKey key) {
        return Hex.toHexString(key.getPGPPublicKey().getFingerprint()).toUpperCase(Locale.ROOT);
    }

    /** The type byte of every blob in a keybox: 0 empty, 1 header, 2 OpenPGP, 3 X.509. */
    private static List<Integer> blobTypes(byte[] kbx) {
        List<Integer> types = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(kbx);
        while (buffer.remaining() >= 5) {
            int start = buffer.position();
            int length = buffer.getInt();
            types.add(buffer.get() & 0xff);
            buffer.position(start + length);
        }
        return types;
    }
}
