package io.mailseal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsJsonTest {

    private static final String FULL = """
            {
              "schemaVersion": 1,
              "smime": {
                "keyStore": {"path": "/var/mailseal/smime.p7b"},
                "userDirectory": {"enabled": true},
                "externalLdap": {
                  "host": "gc.example.com", "port": 3269, "ssl": true,
                  "bindDn": "cn=reader,dc=example,dc=com", "password": "s3cret",
                  "baseDn": "dc=example,dc=com", "searchFilter": "(objectClass=person)",
                  "emailAttribute": "mail", "followReferrals": false
                },
                "allowUserUploads": false
              },
              "pgp": {
                "keyStore": {"path": "/var/mailseal/pubring.kbx"},
                "keyServer": {"url": "hkps://keys.example.com"},
                "wkd": {"enabled": true},
                "vks": {"enabled": false},
                "allowUserUploads": true
              },
              "cache": {"foundMinutes": 720, "notFoundMinutes": 5}
            }
            """;

    @Test
    void readsEverySetting() {
        Settings settings = valid(FULL);

        assertThat(settings.smime().keyStorePath()).isEqualTo("/var/mailseal/smime.p7b");
        assertThat(settings.smime().userDirectory()).isTrue();
        assertThat(settings.smime().allowUserUploads()).isFalse();
        Settings.Ldap ldap = settings.smime().externalLdap();
        assertThat(ldap.host()).isEqualTo("gc.example.com");
        assertThat(ldap.port()).isEqualTo(3269);
        assertThat(ldap.ssl()).isTrue();
        assertThat(ldap.password().reveal()).isEqualTo("s3cret");
        assertThat(ldap.searchFilter()).isEqualTo("(objectClass=person)");
        assertThat(settings.pgp().keyServerUrl()).isEqualTo("hkps://keys.example.com");
        assertThat(settings.pgp().wkd()).isTrue();
        assertThat(settings.pgp().vksUrl()).isEqualTo("https://keys.openpgp.org");
        assertThat(settings.cache().found()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.cache().notFound()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anEmptyDocumentGivesTheDefaults() {
        assertThat(valid("{}")).isEqualTo(Settings.defaults());
    }

    @Test
    void secretsNeverShowInTextAndAreWrittenOnlyWhenAsked() {
        Settings settings = valid(FULL);

        assertThat(settings.toString()).doesNotContain("s3cret").contains("********");
        assertThat(SettingsJson.write(settings, false)).doesNotContain("s3cret").doesNotContain("password");
        assertThat(SettingsJson.write(settings, true)).contains("\"password\" : \"s3cret\"");
    }

    @Test
    void writtenSettingsReadBackTheSame() {
        Settings settings = valid(FULL);

        assertThat(valid(SettingsJson.write(settings, true))).isEqualTo(settings);
    }

    @Test
    void namesEveryProblemByItsField() {
        SettingsJson.Result result = SettingsJson.read("""
                {
                  "smime": {
                    "externalLdap": {"port": 70000, "ssl": "yes", "emailAttribute": "e mail",
                                     "searchFilter": "objectClass=person", "hots": "x"}
                  },
                  "pgp": {"keyServer": {"url": "ftp://keys.example.com"}},
                  "cache": {"foundMinutes": 1.5}
                }
                """);

        assertThat(result).isInstanceOf(SettingsJson.Invalid.class);
        assertThat(((SettingsJson.Invalid) result).problems()).containsExactly(
                "smime.externalLdap.hots: unknown setting",
                "smime.externalLdap.host: is required",
                "smime.externalLdap.ssl: must be true or false",
                "smime.externalLdap.port: must be between 1 and 65535",
                "smime.externalLdap.searchFilter: must be an LDAP filter in parentheses, e.g. (objectClass=person)",
                "smime.externalLdap.emailAttribute: is not an LDAP attribute name",
                "pgp.keyServer.url: scheme must be one of hkp, hkps, http, https, ldap, ldaps",
                "cache.foundMinutes: must be a whole number");
    }

    @Test
    void refusesBrokenJsonANewerSchemaAndNonObjects() {
        assertThat(((SettingsJson.Invalid) SettingsJson.read("{\"smime\": ")).problems().get(0))
                .startsWith("(document): not valid JSON at line 1");
        assertThat(((SettingsJson.Invalid) SettingsJson.read("{\"schemaVersion\": 2}")).problems())
                .containsExactly("schemaVersion: 2 is newer than this Mailseal understands (1); upgrade Mailseal");
        assertThat(((SettingsJson.Invalid) SettingsJson.read("[]")).problems())
                .containsExactly("(document): must be a JSON object");
        assertThat(((SettingsJson.Invalid) SettingsJson.read("{\"smime\": []}")).problems())
                .containsExactly("smime: must be an object");
    }

    @Test
    void ldapPortDefaultsFollowSsl() {
        assertThat(valid("{\"smime\":{\"externalLdap\":{\"host\":\"h\",\"ssl\":true}}}").smime().externalLdap().port())
                .isEqualTo(636);
        assertThat(valid("{\"smime\":{\"externalLdap\":{\"host\":\"h\"}}}").smime().externalLdap().port())
                .isEqualTo(389);
    }

    private static Settings valid(String json) {
        SettingsJson.Result result = SettingsJson.read(json);
        assertThat(result).as(result.toString()).isInstanceOf(SettingsJson.Valid.class);
        return ((SettingsJson.Valid) result).settings();
    }
}
