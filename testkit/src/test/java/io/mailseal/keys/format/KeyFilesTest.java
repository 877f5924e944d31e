package io.mailseal.keys.format;

import static io.mailseal.testkit.identities.TestIdentities.bytes;
import static io.mailseal.testkit.identities.TestIdentities.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.RecipientKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.junit.jupiter.api.Test;

/** The readers against key files written by openssl, keytool and gpg 2.2 (the named test identities). */
class KeyFilesTest {

    private final CertificateReader certificates = new CertificateReader(CryptoRuntime.create());
    private final OpenPgpKeyReader keys = new OpenPgpKeyReader();

    @Test
    void readsTheOpensslPkcs7KeyStoreInDerAndPem() {
        CertificateReader.Read der = (CertificateReader.Read) certificates.read(bytes("smime-keystore.p7b"));
        CertificateReader.Read pem = (CertificateReader.Read) certificates.read(bytes("smime-keystore-pem.p7b"));

        assertThat(der.format()).isEqualTo(CertificateReader.Format.PKCS7_DER);
        assertThat(der.certificates()).hasSize(10);
        assertThat(pem.format()).isEqualTo(CertificateReader.Format.PKCS7_PEM);
        assertThat(pem.certificates()).isEqualTo(der.certificates());
    }

    @Test
    void readsTheKeytoolBksKeyStoreWithoutItsPassword() {
        CertificateReader.Read bks = (CertificateReader.Read) certificates.read(bytes("smime-keystore.bks"));

        assertThat(bks.format()).isEqualTo(CertificateReader.Format.BKS);
        assertThat(bks.certificates()).extracting(c -> c.getSerialNumber().toString(16))
                .contains(property("alice.smime.serial"), property("heidi-legacy-dn.smime.serial"));
        assertThat(bks.certificates()).hasSize(10);
    }

    @Test
    void readsPemChainsAndSingleDerCertificates() {
        assertThat(((CertificateReader.Read) certificates.read(bytes("alice-chain.pem"))).certificates()).hasSize(2);
        assertThat(((CertificateReader.Read) certificates.read(bytes("alice.p7b"))).certificates()).hasSize(2);
        X509Certificate alice = ((CertificateReader.Read) certificates.read(bytes("alice.der"))).certificates().get(0);
        assertThat(alice.getSerialNumber().toString(16)).isEqualTo(property("alice.smime.serial"));
    }

    @Test
    void readsTheLegacyKeyringWithItsTrustPackets() {
        OpenPgpKeyReader.Read read = (OpenPgpKeyReader.Read) keys.read(bytes("pgp-keyring.gpg"));

        assertThat(read.format()).isEqualTo(OpenPgpKeyReader.Format.BINARY);
        assertThat(fingerprints(read.keyRings())).containsExactly(property("bob.pgp.fingerprint"),
                property("carol.pgp.fingerprint"), property("dave-expired.pgp.fingerprint"),
                property("erin-revoked.pgp.fingerprint"));
        assertThat(read.problems()).isEmpty();
        assertThat(((OpenPgpKeyReader.Read) keys.read(bytes("pgp-keyring.pkr"))).keyRings()).hasSize(4);
    }

    @Test
    void readsEveryKeyOfAKeyboxWithADeletedBlob() {
        OpenPgpKeyReader.Read read = (OpenPgpKeyReader.Read) keys.read(bytes("pgp-pubring.kbx"));

        assertThat(read.format()).isEqualTo(OpenPgpKeyReader.Format.KEYBOX);
        assertThat(fingerprints(read.keyRings())).containsExactly(property("bob.pgp.fingerprint"),
                property("carol.pgp.fingerprint"), property("peggy-two-subkeys.pgp.fingerprint"));
    }

    @Test
    void readsAllArmorBlocksWhateverTextSurroundsThem() {
        byte[] file = bytes("pgp-concatenated.asc");
        String withDashes = new String(file, StandardCharsets.US_ASCII)
                .replace("Carol's key, pasted from a mail:", "-- Carol's key, pasted from a mail --");

        for (byte[] data : List.of(file, withDashes.getBytes(StandardCharsets.US_ASCII))) {
            OpenPgpKeyReader.Read read = (OpenPgpKeyReader.Read) keys.read(data);
            assertThat(read.format()).isEqualTo(OpenPgpKeyReader.Format.ARMORED);
            assertThat(fingerprints(read.keyRings())).containsExactly(property("bob.pgp.fingerprint"),
                    property("carol.pgp.fingerprint"), property("peggy-two-subkeys.pgp.fingerprint"));
        }
    }

    @Test
    void skipsSecretKeysAndSaysSo() {
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.writeBytes(bytes("bob-secret.asc"));
        mixed.writeBytes(bytes("carol.asc"));

        OpenPgpKeyReader.Read read = (OpenPgpKeyReader.Read) keys.read(mixed.toByteArray());

        assertThat(fingerprints(read.keyRings())).containsExactly(property("carol.pgp.fingerprint"));
        assertThat(read.problems()).containsExactly(
                "armor block 1 (PRIVATE KEY BLOCK): not a public key block; skipped");
        assertThat(keys.read(bytes("bob-secret.asc"))).isInstanceOf(OpenPgpKeyReader.Unreadable.class);
    }

    @Test
    void truncatedKeyFilesAreReportedNotThrown() {
        byte[] keyring = bytes("pgp-keyring.gpg");
        byte[] half = java.util.Arrays.copyOf(keyring, keyring.length / 2);

        OpenPgpKeyReader.Result result = keys.read(half);

        if (result instanceof OpenPgpKeyReader.Read read) {
            assertThat(read.problems()).anyMatch(p -> p.startsWith("damaged OpenPGP data after"));
        } else {
            assertThat(((OpenPgpKeyReader.Unreadable) result).reason()).startsWith("damaged OpenPGP data after");
        }
        byte[] kbx = bytes("pgp-pubring.kbx");
        assertThat(keys.read(java.util.Arrays.copyOf(kbx, 40))).isInstanceOf(OpenPgpKeyReader.Unreadable.class);
        assertThat(keys.read("hello".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(OpenPgpKeyReader.Unreadable.class);
    }

    private static List<String> fingerprints(List<PGPPublicKeyRing> rings) {
        return rings.stream().map(r -> RecipientKey.Pgp.fingerprint(r.getPublicKey().getFingerprint())).toList();
    }
}
