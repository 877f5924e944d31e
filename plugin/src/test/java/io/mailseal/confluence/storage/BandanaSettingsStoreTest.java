package io.mailseal.confluence.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.bandana.BandanaContext;
import com.atlassian.confluence.setup.bandana.ConfluenceBandanaContext;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.settings.Secret;
import io.mailseal.settings.Settings;
import io.mailseal.store.SettingsStore;
import io.mailseal.testkit.store.SettingsStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BandanaSettingsStoreTest extends SettingsStoreContract {

    private static final ConfluenceBandanaContext GLOBAL = ConfluenceBandanaContext.GLOBAL_CONTEXT;

    @TempDir
    Path sharedHome;

    private MapBandanaManager bandana;
    private HomeKeyFile keyFile;

    @Override
    protected SettingsStore newStore() {
        bandana = new MapBandanaManager();
        keyFile = new HomeKeyFile(sharedHome.resolve(HomeKeyFile.RELATIVE_PATH), new SecureRandom());
        return new BandanaSettingsStore(bandana, new SecretBox(keyFile, CryptoRuntime.create()));
    }

    @Override
    protected void storeDocument(String json) {
        bandana.setValue(GLOBAL, BandanaSettingsStore.KEY, json);
    }

    @Override
    protected String where() {
        return BandanaSettingsStore.KEY;
    }

    @Test
    void theSettingsAreOneJsonStringInTheGlobalContextWithNoSecretInClear() {
        store.save(WITH_SECRETS);

        Object stored = bandana.getValue(GLOBAL, BandanaSettingsStore.KEY);

        assertThat(stored).isInstanceOf(String.class);
        assertThat((String) stored).contains("\"host\" : \"ldap.example.com\"")
                .doesNotContain("ldap-pw").doesNotContain("p12-pw").doesNotContain("pgp-pp")
                .contains("\"password\" : \"enc:v1:").contains("\"passphrase\" : \"enc:v1:");
        assertThat(bandana.getKeys(GLOBAL)).containsExactly(BandanaSettingsStore.KEY);
    }

    @Test
    void aChangedSecretInBandanaMakesTheSettingsUnusableNamingKeyAndField() {
        store.save(WITH_SECRETS);
        String stored = (String) bandana.getValue(GLOBAL, BandanaSettingsStore.KEY);
        Matcher passphrase = Pattern.compile("\"passphrase\" : \"enc:v1:([^\"]+)\"").matcher(stored);
        assertThat(passphrase.find()).isTrue();
        byte[] blob = Base64.getDecoder().decode(passphrase.group(1));
        blob[blob.length - 1] ^= 1;
        storeDocument(stored.replace(passphrase.group(1), Base64.getEncoder().encodeToString(blob)));

        SettingsStore.Loaded loaded = store.load();

        assertThat(loaded).isInstanceOfSatisfying(SettingsStore.Unusable.class, unusable ->
                assertThat(unusable.problems()).singleElement().asString()
                        .isEqualTo("io.mailseal.settings: signing.pgp[0].passphrase: failed its integrity check:"
                                + " the stored value was changed, or was written for another setting"));
    }

    @Test
    void aSecretWrittenIntoBandanaInClearIsRefused() {
        storeDocument("{\"smime\": {\"externalLdap\": {\"host\": \"ldap.example.com\", \"password\": \"plain\"}}}");

        assertThat(store.load()).isEqualTo(new SettingsStore.Unusable(List.of("io.mailseal.settings:"
                + " smime.externalLdap.password: is stored unencrypted (expected enc:v1:...); enter it again")));
    }

    @Test
    void aLostKeyFileMakesTheSecretsUnusableAndSavingAgainStartsANewKey() throws Exception {
        store.save(WITH_SECRETS);
        Files.delete(keyFile.path());

        SettingsStore.Loaded loaded = store.load();

        assertThat(loaded).isInstanceOfSatisfying(SettingsStore.Unusable.class, unusable -> {
            assertThat(unusable.problems()).hasSize(3);
            assertThat(unusable.problems().get(0)).startsWith(
                    "io.mailseal.settings: smime.externalLdap.password: cannot be decrypted: the key file "
                            + keyFile.path());
        });
        assertThat(store.saveKeepingSecrets(withSecrets("typed again", "p12", "pp")))
                .isInstanceOf(SettingsStore.Written.class);
        assertThat(store.load()).isInstanceOf(SettingsStore.Found.class);
    }

    @Test
    void aValueThatIsNotAStringIsUnusable() {
        bandana.setValue(GLOBAL, BandanaSettingsStore.KEY, Map.of("smime", "x"));

        assertThat(store.load()).isInstanceOfSatisfying(SettingsStore.Unusable.class, unusable ->
                assertThat(unusable.problems()).singleElement().asString()
                        .startsWith("io.mailseal.settings: holds a ").endsWith(", not the settings as JSON text"));
    }

    @Test
    void bandanaFailingIsUnusableNotACrash() {
        SettingsStore failing = new BandanaSettingsStore(new MapBandanaManager() {
            @Override
            public Object getValue(BandanaContext context, String key, boolean lookUp) {
                throw new IllegalStateException("XStream refused the stored class");
            }
        }, new SecretBox(keyFile, CryptoRuntime.create()));

        assertThat(failing.load()).isEqualTo(new SettingsStore.Unusable(List.of("io.mailseal.settings: cannot be"
                + " read from Bandana (java.lang.IllegalStateException)")));
    }

    @Test
    void settingsThatWouldNotReadBackAreRefusedAndBandanaIsUnchanged() {
        store.save(WITH_SECRETS);
        Object before = bandana.getValue(GLOBAL, BandanaSettingsStore.KEY);
        Settings broken = WITH_SECRETS.withKeySources(new Settings.Smime(null, false,
                new Settings.Ldap("ldap://not-a-host", 0, false, null, Secret.empty(), "", null, "mail", false),
                true), WITH_SECRETS.pgp());

        SettingsStore.Saved saved = store.save(broken);

        assertThat(saved).isEqualTo(new SettingsStore.NotWritten(List.of(
                "io.mailseal.settings: smime.externalLdap.host: must be a host name without scheme or path, e.g."
                        + " ldap.example.com",
                "io.mailseal.settings: smime.externalLdap.port: must be between 1 and 65535")));
        assertThat(bandana.getValue(GLOBAL, BandanaSettingsStore.KEY)).isSameAs(before);
    }

    @Test
    void aKeyFileThatCannotBeCreatedRefusesTheSaveAndChangesNothing() throws Exception {
        Files.writeString(sharedHome.resolve("mailseal"), "a file where the directory should be");

        SettingsStore.Saved saved = store.save(WITH_SECRETS);

        assertThat(saved).isInstanceOfSatisfying(SettingsStore.NotWritten.class, refused ->
                assertThat(refused.problems()).singleElement().asString()
                        .startsWith("io.mailseal.settings: the secrets cannot be encrypted: ")
                        .contains(keyFile.path().toString()));
        assertThat(bandana.getValue(GLOBAL, BandanaSettingsStore.KEY)).isNull();
        assertThat(store.save(Settings.defaults())).as("settings without secrets need no key")
                .isInstanceOf(SettingsStore.Written.class);
    }
}
