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
