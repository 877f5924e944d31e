package io.mailseal.confluence.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private static final String FIELD = "smime.externalLdap.password";
    private static final Secret PASSWORD = Secret.of("correct horse battery staple");

    @TempDir
    Path home;

    private HomeKeyFile keyFile;
    private SecretBox box;

    @BeforeEach
    void newBox() {
        keyFile = new HomeKeyFile(home.resolve(HomeKeyFile.RELATIVE_PATH), new SecureRandom());
        box = new SecretBox(keyFile, CryptoRuntime.create());
    }

    @Test
    void aSealedSecretOpensAgainForItsField() {
        String stored = box.seal(FIELD, PASSWORD);

        assertThat(stored).startsWith("enc:v1:").doesNotContain(PASSWORD.reveal());
        assertThat(box.open(FIELD, stored)).isEqualTo(new Checked.Valid<>(PASSWORD));
    }

    @Test
    void theFirstSealCreatesTheKeyFile() {
        assertThat(keyFile.path()).doesNotExist();

        box.seal(FIELD, PASSWORD);

        assertThat(keyFile.path()).exists();
    }

    @Test
    void everySealUsesAFreshIv() {
        String first = box.seal(FIELD, PASSWORD);
        String second = box.seal(FIELD, PASSWORD);

        assertThat(first).isNotEqualTo(second);
        assertThat(ivOf(first)).isNotEqualTo(ivOf(second));
    }

    @Test
    void aChangedValueFailsItsIntegrityCheck() {
        byte[] blob = blobOf(box.seal(FIELD, PASSWORD));
        blob[blob.length - 1] ^= 1;

        assertProblem(box.open(FIELD, SecretBox.PREFIX + Base64.getEncoder().encodeToString(blob)),
                "failed its integrity check");
    }

    @Test
    void aValueMovedToAnotherSettingFailsItsIntegrityCheck() {
        String stored = box.seal("signing.smime[0].password", PASSWORD);

        assertProblem(box.open("signing.smime[1].password", stored), "failed its integrity check");
    }

    @Test
    void aValueEncryptedWithAnotherKeySaysSoAndNamesBothKeys() {
        String stored = box.seal(FIELD, PASSWORD);
        HomeKeyFile otherNode = new HomeKeyFile(home.resolve("other/secrets.key"), new SecureRandom());
        SecretBox otherBox = new SecretBox(otherNode, CryptoRuntime.create());
        otherBox.seal(FIELD, Secret.of("creates the other key"));

        Checked<Secret> opened = otherBox.open(FIELD, stored);

        assertProblem(opened, "was encrypted with another key");
        assertThat(opened.problems().get(0).message()).contains(otherNode.path().toString());
    }

    @Test
    void aMissingKeyFileIsNamed() throws Exception {
        String stored = box.seal(FIELD, PASSWORD);
        Files.delete(keyFile.path());

        Checked<Secret> opened = box.open(FIELD, stored);

        assertProblem(opened, "the key file " + keyFile.path() + " does not exist");
    }

    @Test
    void unencryptedOrDamagedValuesAreRefused() {
        assertProblem(box.open(FIELD, PASSWORD.reveal()), "is stored unencrypted");
        assertProblem(box.open(FIELD, "enc:v1:%%%"), "is damaged: the stored value is not base64");
        assertProblem(box.open(FIELD, "enc:v1:AAAA"), "is damaged: the stored value is too short");
    }

    @Test
    void noProblemOrTextEverShowsTheSecretOrTheKey() throws Exception {
        String stored = box.seal(FIELD, PASSWORD);
        byte[] key = keyFile.find().orElseThrow().secretKey().getEncoded();
        String keyText = Base64.getEncoder().encodeToString(key);
        byte[] blob = blobOf(stored);
        blob[10] ^= 1;

        for (Checked<Secret> failed : new Checked[] {
                box.open(FIELD, SecretBox.PREFIX + Base64.getEncoder().encodeToString(blob)),
                box.open("other", stored), box.open(FIELD, PASSWORD.reveal())}) {
            assertThat(failed.problems().toString()).doesNotContain(PASSWORD.reveal()).doesNotContain(keyText);
        }
        assertThat(box.toString()).doesNotContain(keyText).contains("AES-256-GCM");
        assertThat(box.open(FIELD, stored).toString()).doesNotContain(PASSWORD.reveal());
    }

    private static void assertProblem(Checked<Secret> opened, String message) {
        assertThat(opened.value()).isEmpty();
        assertThat(opened.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isNotBlank();
            assertThat(problem.message()).contains(message);
        });
    }

    private static byte[] blobOf(String stored) {
        return Base64.getDecoder().decode(stored.substring(SecretBox.PREFIX.length()));
    }

    private static String ivOf(String stored) {
        byte[] blob = blobOf(stored);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(blob, 4, 16));
    }
}
