package io.mailseal.confluence.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.UrlMode;
import io.mailseal.crypto.CryptoRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeKeyFileTest {

    @TempDir
    Path home;

    @Test
    void theFileIsCreatedOnFirstUseReadableByItsOwnerOnly() throws IOException {
        HomeKeyFile keyFile = new HomeKeyFile(home.resolve(HomeKeyFile.RELATIVE_PATH), new SecureRandom());
        assertThat(keyFile.find()).isEmpty();

        HomeKeyFile.Key key = keyFile.findOrCreate();

        Path file = home.resolve("mailseal/secrets.key");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(key.secretKey().getEncoded()).hasSize(32);
        assertThat(Files.list(file.getParent())).as("no temporary file left").containsExactly(file);
    }

    @Test
    void everyNodeAndEveryLaterUseGetsTheSameKey() {
        Path file = home.resolve(HomeKeyFile.RELATIVE_PATH);
        HomeKeyFile first = new HomeKeyFile(file, new SecureRandom());
        HomeKeyFile second = new HomeKeyFile(file, new SecureRandom());

        HomeKeyFile.Key created = first.findOrCreate();

        assertThat(second.findOrCreate().secretKey().getEncoded()).isEqualTo(created.secretKey().getEncoded());
        assertThat(first.findOrCreate().id()).isEqualTo(created.id());
    }

    @Test
    void aRestoredFileIsReadAgain() throws IOException {
        Path file = home.resolve(HomeKeyFile.RELATIVE_PATH);
        HomeKeyFile keyFile = new HomeKeyFile(file, new SecureRandom());
        HomeKeyFile.Key before = keyFile.findOrCreate();

        Files.writeString(file, "# restored\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n");

        assertThat(keyFile.find().orElseThrow().id()).isNotEqualTo(before.id());
    }

    @Test
    void aFileWithoutOneKeyIsAClearErrorNamingTheFile() throws IOException {
        Path file = home.resolve(HomeKeyFile.RELATIVE_PATH);
        Files.createDirectories(file.getParent());
        HomeKeyFile keyFile = new HomeKeyFile(file, new SecureRandom());

        for (String content : new String[] {"", "not base64!\n", Base64.getEncoder().encodeToString(new byte[16]),
                Base64.getEncoder().encodeToString(new byte[32]) + "\n" + Base64.getEncoder().encodeToString(
                        new byte[32])}) {
            Files.writeString(file, content, StandardCharsets.US_ASCII);
            assertThatThrownBy(keyFile::find).as(content).isInstanceOfSatisfying(KeyFileException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(KeyFileException.Code.KEY_FILE_MALFORMED);
                assertThat(e.getMessage()).contains(file.toString()).contains("256-bit key");
                assertThat(e.file()).isEqualTo(file);
            });
        }
    }

    @Test
    void aKeyFileThatCannotBeCreatedIsAClearErrorNamingTheFile() throws IOException {
        Files.writeString(home.resolve("mailseal"), "a file where the directory should be");
        Path file = home.resolve(HomeKeyFile.RELATIVE_PATH);
        HomeKeyFile keyFile = new HomeKeyFile(file, new SecureRandom());

        assertThatThrownBy(keyFile::findOrCreate).isInstanceOfSatisfying(KeyFileException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(KeyFileException.Code.KEY_FILE_INACCESSIBLE);
            assertThat(e.getMessage()).contains(file.toString());
        });
    }

    @Test
    void theKeyNeverShowsInText() {
        HomeKeyFile keyFile = new HomeKeyFile(home.resolve(HomeKeyFile.RELATIVE_PATH), new SecureRandom());
        HomeKeyFile.Key key = keyFile.findOrCreate();
        String base64 = Base64.getEncoder().encodeToString(key.secretKey().getEncoded());

        assertThat(keyFile.toString()).doesNotContain(base64).contains("secrets.key");
        assertThat(key.toString()).doesNotContain(base64).isEqualTo("Key[id=" + key.id() + "]");
    }

    @Test
    void theSharedHomeIsPreferredAndTheLocalHomeIsTheFallback() {
        Path shared = home.resolve("shared");
        Path local = home.resolve("local");

        assertThat(HomeKeyFile.forHost(new Homes(Optional.of(local), Optional.of(shared)), CryptoRuntime.create())
                .path()).isEqualTo(shared.resolve("mailseal/secrets.key"));
        assertThat(HomeKeyFile.forHost(new Homes(Optional.of(local), Optional.empty()), CryptoRuntime.create())
                .path()).isEqualTo(local.resolve("mailseal/secrets.key"));
    }

    /** Application properties that only know their home directories. */
    private record Homes(Optional<Path> local, Optional<Path> shared) implements ApplicationProperties {

        @Override
        public String getBaseUrl(UrlMode urlMode) {
            return "http://localhost:8090";
        }

        @Override
        public String getDisplayName() {
            return "Confluence";
        }

        @Override
        public String getPlatformId() {
            return "conf";
        }

        @Override
        public String getVersion() {
            return "8.7.2";
        }

        @Override
        public Date getBuildDate() {
            return new Date(0);
        }

        @Override
        public String getBuildNumber() {
            return "8702";
        }

        @Override
        public Optional<Path> getLocalHomeDirectory() {
            return local;
        }

        @Override
        public Optional<Path> getSharedHomeDirectory() {
            return shared;
        }

        @Override
        public String getApplicationFileEncoding() {
            return "UTF-8";
        }
    }
}
