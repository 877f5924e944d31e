package io.mailseal.confluence.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.confluence.setup.bandana.ConfluenceBandanaContext;
import io.mailseal.confluence.jobs.UseSettings;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.use.PgpKeyType;
import io.mailseal.use.sync.KeyDefaults;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The USE settings in Bandana: their own key, secrets sealed, read back equal. */
class BandanaUseSettingsStoreTest {

    private static final String FINGERPRINT = "SHA256:" + "A".repeat(43);

    @TempDir
    Path sharedHome;
    private MapBandanaManager bandana;
    private BandanaUseSettingsStore store;

    @BeforeEach
    void setUp() {
        bandana = new MapBandanaManager();
        store = new BandanaUseSettingsStore(bandana, new SecretBox(new HomeKeyFile(
                sharedHome.resolve(HomeKeyFile.RELATIVE_PATH), new SecureRandom()), CryptoRuntime.create()));
    }

    static UseSettings configured() {
        UseSettings defaults = UseSettings.defaults();
        return new UseSettings(new UseSettings.Sftp("sftp.example.com", 2222, "use", Secret.of("pw-Secret-1"),
                Secret.of("-----BEGIN OPENSSH PRIVATE KEY-----key-Secret-2"), Secret.of("pp-Secret-3"),
                Optional.of(FINGERPRINT)), new UseSettings.Directories("/in", Optional.empty(),
                Optional.of("/keys/priv"), Optional.of("/return")), new UseSettings.Schedule(true, 30),
                new KeyDefaults(PgpKeyType.ED25519, 2048, 2), List.of(EmailAddress.parse("ops@example.com")),
                Optional.of(EmailAddress.parse("wiki@example.com")), true, Secret.of("default-Secret-4"));
    }

    @Test
    void nothingStoredGivesTheDefaultsWithTheScheduleOff() {
        UseSettings loaded = store.load().orElseThrow();

        assertThat(loaded).isEqualTo(UseSettings.defaults());
        assertThat(loaded.schedule()).isEqualTo(new UseSettings.Schedule(false, 15));
        assertThat(loaded.keyDefaults()).isEqualTo(KeyDefaults.SPEC);
        assertThat(loaded.configured()).isFalse();
    }

    @Test
    void savedSettingsReadBackEqualUnderTheirOwnKeyWithEverySecretSealed() {
        UseSettings settings = configured();

        assertThat(store.save(settings).orElseThrow()).isEqualTo(settings);

        assertThat(store.load().orElseThrow()).isEqualTo(settings);
        String json = (String) bandana.getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, BandanaUseSettingsStore.KEY);
        assertThat(json).contains("\"schemaVersion\" : 1", "sftp.example.com", FINGERPRINT, SecretBox.PREFIX)
                .doesNotContain("pw-Secret-1", "key-Secret-2", "pp-Secret-3", "default-Secret-4");
        assertThat(bandana.getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, BandanaSettingsStore.KEY))
                .as("the main settings are untouched").isNull();
        assertThat(settings.toString()).doesNotContain("pw-Secret-1", "key-Secret-2", "pp-Secret-3",
                "default-Secret-4");
    }

    @Test
    void invalidSettingsAreRefusedWithEveryProblemAndNothingStored() {
        UseSettings bad = new UseSettings(new UseSettings.Sftp("bad host!", 0, "", Secret.empty(), Secret.empty(),
                Secret.empty(), Optional.empty()), new UseSettings.Directories("relative", Optional.of("/a/../b"),
                Optional.empty(), Optional.empty()), new UseSettings.Schedule(true, 1),
                new KeyDefaults(PgpKeyType.RSA, 1024, 1), List.of(), Optional.empty(), false, Secret.empty());

        Checked<UseSettings> saved = store.save(bad);

        assertThat(saved.problems()).extracting(Checked.Problem::field).contains("sftp.host", "sftp.port",
                "sftp.user", "sftp.password", "directories.imports", "directories.publicKeys",
                "schedule.intervalMinutes", "keys.rsaBits");
        assertThat(bandana.getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, BandanaUseSettingsStore.KEY)).isNull();
    }

    @Test
    void repeatedKeyDownloadsAreOffByDefaultStoredWhenOnAndOffInADocumentWrittenBeforeTheSettingExisted() {
        assertThat(UseSettings.defaults().repeatKeyDownloads()).isFalse();
        UseSettings on = configured().withRepeatKeyDownloads(true);

        store.save(on);

        assertThat(store.load().orElseThrow().repeatKeyDownloads()).isTrue();
        String json = (String) bandana.getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, BandanaUseSettingsStore.KEY);
        assertThat(json).contains("\"keyDownloads\"", "\"repeatAllowed\" : true");

        bandana.setValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, BandanaUseSettingsStore.KEY,
                "{\"schemaVersion\": 1, \"sftp\": {\"host\": \"sftp.example.com\", \"port\": 22, \"user\": \"use\"},"
                        + " \"directories\": {\"imports\": \"/import\"}, \"schedule\": {\"enabled\": false,"
                        + " \"intervalMinutes\": 15}, \"keys\": {\"type\": \"RSA\", \"rsaBits\": 4096,"
                        + " \"validityYears\": 1}, \"reportTo\": [], \"allowWeakKeys\": false}");
        UseSettings old = store.load().orElseThrow();
        assertThat(old.sftp().host()).isEqualTo("sftp.example.com");
        assertThat(old.repeatKeyDownloads()).as("an older document keeps downloads to once").isFalse();
    }
}
