package io.mailseal.keys.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.KeySource;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Settings;
import io.mailseal.settings.SettingsJson;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class KeySourcesTest {

    private final KeySources.Environment standalone =
            KeySources.Environment.standalone(CryptoRuntime.create(), Clock.systemUTC());

    @Test
    void buildsTheSourcesInTheSpecsPrecedence() {
        KeySources.Built built = KeySources.fromSettings(settings("""
                {"smime": {"keyStore": {"path": "/tmp/s.p7b"}, "userDirectory": {"enabled": true},
                           "externalLdap": {"host": "gc.example.com", "port": 3269, "ssl": true}},
                 "pgp": {"keyStore": {"path": "/tmp/p.kbx"}, "keyServer": {"url": "hkps://keys.example.com"},
                         "wkd": {"enabled": true}, "vks": {"enabled": true}}}
                """), standalone);

        assertThat(built.problems()).isEmpty();
        assertThat(built.sources().get(KeyType.SMIME)).extracting(KeySource::name)
                .containsExactly(SourceName.KEYSTORE, SourceName.USER_DIRECTORY, SourceName.LDAP);
        assertThat(built.sources().get(KeyType.PGP)).extracting(KeySource::name)
                .containsExactly(SourceName.KEYSTORE, SourceName.KEYSERVER, SourceName.WKD, SourceName.VKS);
    }

    @Test
    void managedKeysStandRightAfterUploadsByDefaultAndWhereTheAdminPutsThem() {
        Settings settings = settings("""
                {"smime": {"keyStore": {"path": "/tmp/s.p7b"}, "userDirectory": {"enabled": true}},
                 "pgp": {"keyStore": {"path": "/tmp/p.kbx"}, "wkd": {"enabled": true}}}
                """);
        KeySources.Environment withUploads = new KeySources.Environment(CryptoRuntime.create(), Clock.systemUTC(),
                (address, type) -> java.util.List.of(), null, io.mailseal.keys.source.http.HttpFetcher.withDefaults());

        assertThat(KeySources.fromSettings(settings, withUploads.withManagedKeys(NO_MANAGED_KEYS,
                ManagedKeyPrecedence.DEFAULT)).sources().get(KeyType.PGP)).extracting(KeySource::name)
                .containsExactly(SourceName.UPLOAD, SourceName.MANAGED, SourceName.KEYSTORE, SourceName.WKD);
        assertThat(KeySources.fromSettings(settings, withUploads.withManagedKeys(NO_MANAGED_KEYS,
                ManagedKeyPrecedence.FIRST)).sources().get(KeyType.SMIME)).extracting(KeySource::name)
                .containsExactly(SourceName.MANAGED, SourceName.UPLOAD, SourceName.KEYSTORE,
                        SourceName.USER_DIRECTORY);
        assertThat(KeySources.fromSettings(settings, withUploads.withManagedKeys(NO_MANAGED_KEYS,
                ManagedKeyPrecedence.AFTER_KEY_STORE)).sources().get(KeyType.PGP)).extracting(KeySource::name)
                .containsExactly(SourceName.UPLOAD, SourceName.KEYSTORE, SourceName.MANAGED, SourceName.WKD);
        assertThat(KeySources.fromSettings(settings, standalone.withManagedKeys(NO_MANAGED_KEYS,
                ManagedKeyPrecedence.AFTER_KEY_STORE)).sources().get(KeyType.PGP)).extracting(KeySource::name)
                .as("no uploads outside Confluence").containsExactly(SourceName.KEYSTORE, SourceName.MANAGED,
                        SourceName.WKD);
        assertThat(KeySources.fromSettings(settings, withUploads.withManagedKeys(NO_MANAGED_KEYS,
                ManagedKeyPrecedence.LAST)).sources().get(KeyType.PGP)).extracting(KeySource::name)
                .containsExactly(SourceName.UPLOAD, SourceName.KEYSTORE, SourceName.WKD, SourceName.MANAGED);
        assertThat(KeySources.fromSettings(settings, withUploads).sources().get(KeyType.PGP))
                .extracting(KeySource::name).as("without the sync, no managed source")
                .doesNotContain(SourceName.MANAGED);
    }

    @Test
    void withoutAFixedPlaceTheManagedKeysStandWhereTheSettingsSay() {
        Settings settings = settings("""
                {"schemaVersion": 4, "pgp": {"keyStore": {"path": "/tmp/p.kbx"}, "wkd": {"enabled": true}},
                 "managedKeys": {"precedence": "LAST"}}
                """);
        KeySources.Environment managed = standalone.withManagedKeys(NO_MANAGED_KEYS);

        assertThat(KeySources.fromSettings(settings, managed).sources().get(KeyType.PGP)).extracting(KeySource::name)
                .containsExactly(SourceName.KEYSTORE, SourceName.WKD, SourceName.MANAGED);
        assertThat(KeySources.fromSettings(settings.withManagedKeys(ManagedKeyPrecedence.FIRST), managed).sources()
                .get(KeyType.PGP)).extracting(KeySource::name)
                .containsExactly(SourceName.MANAGED, SourceName.KEYSTORE, SourceName.WKD);
    }

    private static final io.mailseal.store.ManagedKeyStore NO_MANAGED_KEYS = new io.mailseal.store.ManagedKeyStore() {
        @Override
        public java.util.List<io.mailseal.store.ManagedKey> findKeys(EmailAddress address, KeyType type) {
            return java.util.List.of();
        }

        @Override
        public java.util.List<io.mailseal.store.ManagedKeyStatus> statuses(KeyType type) {
            return java.util.List.of();
        }

        @Override
        public void save(io.mailseal.store.ManagedKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.List<io.mailseal.store.ManagedKeyStatus> deleteKeys(EmailAddress address, KeyType type) {
            return java.util.List.of();
        }
    };

    @Test
    void anLdapKeyServerUrlMakesAnLdapKeySource() {
        KeySources.Built built = KeySources.fromSettings(settings(
                "{\"pgp\": {\"keyServer\": {\"url\": \"ldaps://keys.example.com\"}}}"), standalone);

        assertThat(built.problems()).isEmpty();
        assertThat(built.sources().get(KeyType.PGP)).singleElement().extracting(Object::getClass)
                .isEqualTo(io.mailseal.keys.source.ldap.LdapPgpKeySource.class);
    }

    @Test
    void theUserDirectoryOutsideConfluenceSaysWhyItIsNotAsked() {
        KeySource directory = KeySources.fromSettings(settings("{\"smime\": {\"userDirectory\": {\"enabled\": true}}}"),
                standalone).sources().get(KeyType.SMIME).get(0);

        SourceResponse response = directory.lookup(EmailAddress.parse("alice@example.com"));

        assertThat(response.status()).isEqualTo(SourceResponse.Status.DISABLED);
        assertThat(response.message()).contains("Confluence");
    }

    @Test
    void aKeyServerUrlThatCannotBeUsedIsAProblemNamingTheField() {
        KeySources.Built built = KeySources.fromSettings(settings(
                "{\"pgp\": {\"keyServer\": {\"url\": \"https://user:pw@keys.example.com\"}}}"), standalone);

        assertThat(built.problems()).singleElement().asString().startsWith("pgp.keyServer.url: ")
                .doesNotContain("pw");
        assertThat(built.sources().get(KeyType.PGP)).isEmpty();
    }

    private static Settings settings(String json) {
        return ((SettingsJson.Valid) SettingsJson.read(json)).settings();
    }
}
