package io.mailseal.keys.format;

import static io.mailseal.testkit.identities.TestIdentities.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.testkit.identities.TestIdentities;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.junit.jupiter.api.Test;

/** Private keys are told apart from the public certificates and keys users are meant to upload. */
class PrivateKeyDetectorTest {

    @Test
    void findsPemPkcs8KeysAndEveryOtherPemPrivateKey() {
        assertThat(PrivateKeyDetector.find(bytes("alice.key"))).contains("PEM PRIVATE KEY");
        assertThat(PrivateKeyDetector.find(("text\n-----BEGIN RSA PRIVATE KEY-----\nAAAA\n").getBytes(
                StandardCharsets.US_ASCII))).contains("PEM RSA PRIVATE KEY");
        assertThat(PrivateKeyDetector.find("-----BEGIN ENCRYPTED PRIVATE KEY-----".getBytes(
                StandardCharsets.US_ASCII))).contains("PEM ENCRYPTED PRIVATE KEY");
    }

    @Test
    void findsDerPkcs8AndItsBareBase64() {
        byte[] der = TestIdentities.privateKey("alice").getEncoded();

        assertThat(PrivateKeyDetector.find(der)).contains("PKCS#8 private key");
        assertThat(PrivateKeyDetector.find(Base64.getMimeEncoder().encode(der))).contains("PKCS#8 private key");
    }

    @Test
    void findsPkcs12KeyStores() {
        assertThat(PrivateKeyDetector.find(bytes("alice.p12"))).contains("PKCS#12 key store");
        assertThat(PrivateKeyDetector.find(bytes("carol.p12"))).contains("PKCS#12 key store");
    }

    @Test
    void findsOpenPgpSecretKeysArmoredAndBinary() throws Exception {
        byte[] armored = bytes("carol-secret.asc");
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        try (ArmoredInputStream in = new ArmoredInputStream(new java.io.ByteArrayInputStream(armored))) {
            in.transferTo(binary);
        }

        assertThat(PrivateKeyDetector.find(armored)).contains("PEM PGP PRIVATE KEY BLOCK");
        assertThat(PrivateKeyDetector.find(binary.toByteArray())).contains("OpenPGP secret key");
    }

    @Test
    void findsNothingInPublicCertificatesKeysAndKeyStores() {
        for (String file : new String[] {"alice.crt", "alice.der", "alice.p7b", "alice-chain.pem",
                "smime-keystore.p7b", "smime-keystore-pem.p7b", "bob.asc", "bob.pgp", "carol.asc",
                "pgp-pubring.kbx", "pgp-keyring.pkr"}) {
            assertThat(PrivateKeyDetector.find(bytes(file))).as(file).isEmpty();
        }
        assertThat(PrivateKeyDetector.find(new byte[0])).isEmpty();
        assertThat(PrivateKeyDetector.find("just text".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }
}
