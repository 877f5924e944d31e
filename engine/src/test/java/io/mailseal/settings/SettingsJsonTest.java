package io.mailseal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.source.ManagedKeyPrecedence;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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

    private static final String FULL_WITH_SIGNING = """
            {"smime": {"externalLdap": {"host": "ldap.example.com", "bindDn": "cn=reader", "password": "s3cret"}},
             "signing": {"enabled": true,
               "smime": [{"address": "wiki@example.com", "pkcs12Path": "/keys/wiki.p12", "password": "pw"}],
               "pgp": [{"address": "wiki@example.com", "secretKeyPath": "/keys/wiki.asc", "passphrase": "pp"}]}}
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
    void readsThePolicyAndSigningParts() {
        Settings settings = valid("""
                {"schemaVersion": 2,
                 "encryption": {"typePriority": "PGP_PREFERRED", "fallback": "DO_NOT_SEND", "encryptForSender": true,
                   "exemptions": [{"name": "newsletter", "senders": ["@example.com"], "subject": "(?i)newsletter",
                                   "unlessHeader": "X-Confidential"}],
                   "exemptAccountMails": true, "accountMailSubject": "(?i)passwort",
                   "subjectProtection": {"enabled": true, "text": "Encrypted message"},
                   "problemReport": {"adminCopy": "admin@example.com", "extraText": "Call 1234."},
                   "smime": {"contentEncryption": "AES_256_GCM", "rsaOaep": true}},
                 "signing": {"enabled": true,
                   "smime": [{"address": "wiki@example.com", "pkcs12Path": "/keys/wiki.p12", "password": "pw"}],
                   "pgp": [{"address": "wiki@example.com", "secretKeyPath": "/keys/wiki.asc", "passphrase": "pp"}]}}
                """);

        Settings.Encryption encryption = settings.encryption();
        assertThat(encryption.typePriority()).isEqualTo("PGP_PREFERRED");
        assertThat(encryption.fallback()).isEqualTo("DO_NOT_SEND");
        assertThat(encryption.encryptForSender()).isTrue();
        assertThat(encryption.exemptions()).singleElement().satisfies(rule -> {
            assertThat(rule.name()).isEqualTo("newsletter");
            assertThat(rule.senders()).containsExactly("@example.com");
            assertThat(rule.subject()).isEqualTo("(?i)newsletter");
            assertThat(rule.unlessHeader()).isEqualTo("X-Confidential");
        });
        assertThat(encryption.exemptAccountMails()).isTrue();
        assertThat(encryption.accountMailSubject()).isEqualTo("(?i)passwort");
        assertThat(encryption.protectSubject()).isTrue();
        assertThat(encryption.neutralSubject()).isEqualTo("Encrypted message");
        assertThat(encryption.adminCopy()).isEqualTo("admin@example.com");
        assertThat(encryption.gcm()).isTrue();
        assertThat(encryption.rsaOaep()).isTrue();
        assertThat(settings.signing().enabled()).isTrue();
        assertThat(settings.signing().smime()).singleElement().satisfies(id -> {
            assertThat(id.pkcs12Path()).isEqualTo("/keys/wiki.p12");
            assertThat(id.password().reveal()).isEqualTo("pw");
        });
        assertThat(SettingsJson.write(settings, false)).doesNotContain("\"pw\"").doesNotContain("\"pp\"");
        assertThat(valid(SettingsJson.write(settings, true))).isEqualTo(settings);
    }

    @Test
    void aVersionOneDocumentIsUpgradedWithPolicyDefaults() {
        Settings settings = valid("{\"schemaVersion\": 1, \"smime\": {\"keyStore\": {\"path\": \"/k.p7b\"}}}");

        assertThat(settings.schemaVersion()).isEqualTo(Settings.SCHEMA_VERSION);
        assertThat(settings.smime().keyStorePath()).isEqualTo("/k.p7b");
        assertThat(settings.encryption()).isEqualTo(Settings.Encryption.DEFAULTS);
        assertThat(settings.signing()).isEqualTo(Settings.Signing.DEFAULTS);
    }

    @Test
    void policyProblemsNameTheirFields() {
        SettingsJson.Result result = SettingsJson.read("""
                {"encryption": {"fallback": "SOMETIMES", "exemptions": [{"subject": "(["}],
                                "problemReport": {"adminCopy": "nobody"}},
                 "signing": {"smime": [{"address": "wiki@example.com"}]}}
                """);

        assertThat(((SettingsJson.Invalid) result).problems()).containsExactly(
                "encryption.fallback: must be one of SEND_UNENCRYPTED, PROBLEM_REPORT, DO_NOT_SEND",
                "encryption.exemptions[0].name: is required",
                "encryption.exemptions[0].subject: is not a regular expression: Unclosed character class",
                "encryption.problemReport.adminCopy: is not an e-mail address",
                "signing.smime[0].pkcs12Path: is required");
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
        assertThat(SettingsJson.read("{\"schemaVersion\": 4}")).isInstanceOf(SettingsJson.Valid.class);
        assertThat(((SettingsJson.Invalid) SettingsJson.read("{\"schemaVersion\": 5}")).problems())
                .containsExactly("schemaVersion: 5 is newer than this Mailseal understands (4); upgrade Mailseal");
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

    @Test
    void readTellsTheVersionADocumentWasUpgradedFrom() {
        SettingsJson.Valid old = (SettingsJson.Valid) SettingsJson.read("{\"schemaVersion\": 1}");
        SettingsJson.Valid current = (SettingsJson.Valid) SettingsJson.read("{\"schemaVersion\": 4}");

        assertThat(old.version()).isEqualTo(1);
        assertThat(old.upgraded()).isTrue();
        assertThat(old.settings().schemaVersion()).isEqualTo(Settings.SCHEMA_VERSION);
        assertThat(current.upgraded()).isFalse();
    }

    @Test
    void everySecretIsSealedAndOpenedWithItsFieldName() {
        Settings settings = valid(FULL_WITH_SIGNING);
        Map<String, String> sealed = new LinkedHashMap<>();
        SecretCodec codec = new SecretCodec() {
            @Override
            public String seal(String field, Secret secret) {
                sealed.put(field, secret.reveal());
                return "sealed:" + field;
            }

            @Override
            public Checked<Secret> open(String field, String stored) {
                return stored.equals("sealed:" + field) ? new Checked.Valid<>(Secret.of(sealed.get(field)))
                        : Checked.invalid(field, "sealed for another field");
            }
        };

        String json = SettingsJson.write(settings, codec);

        assertThat(sealed).containsExactly(Map.entry("smime.externalLdap.password", "s3cret"),
                Map.entry("signing.smime[0].password", "pw"), Map.entry("signing.pgp[0].passphrase", "pp"));
        assertThat(json).doesNotContain("s3cret").doesNotContain("\"pw\"").doesNotContain("\"pp\"");
        SettingsJson.Result read = SettingsJson.read(json, codec);
        assertThat(read).isInstanceOf(SettingsJson.Valid.class);
        assertThat(((SettingsJson.Valid) read).settings()).isEqualTo(settings);
    }

    @Test
    void aSecretThatCannotBeOpenedIsAProblemOfItsField() {
        SecretCodec refusing = new SecretCodec() {
            @Override
            public String seal(String field, Secret secret) {
                throw new AssertionError("not written");
            }

            @Override
            public Checked<Secret> open(String field, String stored) {
                return Checked.invalid(field, "cannot be decrypted");
            }
        };

        SettingsJson.Result result = SettingsJson.read(FULL_WITH_SIGNING, refusing);

        assertThat(((SettingsJson.Invalid) result).problems()).containsExactly(
                "smime.externalLdap.password: cannot be decrypted",
                "signing.smime[0].password: cannot be decrypted",
                "signing.pgp[0].passphrase: cannot be decrypted");
    }

    private static Settings valid(String json) {
        SettingsJson.Result result = SettingsJson.read(json);
        assertThat(result).as(result.toString()).isInstanceOf(SettingsJson.Valid.class);
        return ((SettingsJson.Valid) result).settings();
    }

    @Test
    void theRelayPartRoundTripsAndItsSecretsStayOutOfTheExport() {
        Settings settings = valid("""
                {"schemaVersion": 2, "relay": {"enabled": true, "port": 2526, "secret": "generated-relay-secret",
                  "upstream": {"host": "smtp.example.com", "port": 587, "security": "STARTTLS",
                               "user": "wiki", "password": "upstream-pw"}}}
                """);

        Settings.Relay relay = settings.relay();
        assertThat(relay.enabled()).isTrue();
        assertThat(relay.port()).isEqualTo(2526);
        assertThat(relay.upstreamHost()).isEqualTo("smtp.example.com");
        assertThat(relay.upstreamPassword().reveal()).isEqualTo("upstream-pw");
        assertThat(relay.secret().reveal()).isEqualTo("generated-relay-secret");
        assertThat(SettingsJson.write(settings, false)).doesNotContain("upstream-pw")
                .doesNotContain("generated-relay-secret");
        assertThat(valid(SettingsJson.write(settings, true))).isEqualTo(settings);
        assertThat(Settings.defaults().relay()).isEqualTo(Settings.Relay.OFF);
    }

    @Test
    void anEnabledRelayNeedsAnUpstreamHostAndALoopbackPortAbove1023() {
        SettingsJson.Result result = SettingsJson.read(
                "{\"schemaVersion\": 2, \"relay\": {\"enabled\": true, \"port\": 25}}");

        assertThat(result).isInstanceOf(SettingsJson.Invalid.class);
        assertThat(((SettingsJson.Invalid) result).problems()).anySatisfy(p -> assertThat(p).contains("relay.port"))
                .anySatisfy(p -> assertThat(p).contains("relay.upstream.host: is required"));
    }

    @Test
    void anUploadedIdentityKeepsItsKeyDataAsASecretThatExportsLeaveOut() {
        Settings settings = Settings.defaults();
        Settings.Signing signing = new Settings.Signing(true, java.util.List.of(new Settings.SmimeIdentity(
                "wiki@example.com", null, Secret.of("cDEyLWJ5dGVz"), Secret.of("pw"), false)),
                java.util.List.of(new Settings.PgpIdentity("wiki@example.com", null, Secret.of("cGdwLWtleQ=="),
                        Secret.of("phrase"))));
        Settings withUploads = new Settings(Settings.SCHEMA_VERSION, settings.smime(), settings.pgp(),
                settings.cache(), settings.encryption(), signing);

        SettingsJson.Valid read = (SettingsJson.Valid) SettingsJson.read(SettingsJson.write(withUploads, true));
        String export = SettingsJson.write(withUploads, false);

        assertThat(read.settings().signing()).isEqualTo(signing);
        assertThat(read.settings().signing().smime().get(0).uploaded()).isTrue();
        assertThat(export).doesNotContain("keyData").doesNotContain("cDEyLWJ5dGVz").doesNotContain("pkcs12Path");
        SettingsJson.Valid imported = (SettingsJson.Valid) SettingsJson.read(export);
        assertThat(imported.settings().signing().smime().get(0).keyData().isEmpty()).isTrue();
        assertThat(imported.settings().signing().pgp().get(0).uploaded()).isTrue();
    }

    @Test
    void anIdentityWithAPathAndKeyDataOrKeyDataThatIsNotBase64IsAProblem() {
        SettingsJson.Result result = SettingsJson.read("""
                {"schemaVersion": 3, "signing": {"smime": [{"address": "wiki@example.com",
                 "pkcs12Path": "/keys/wiki.p12", "keyData": "cDEy"}],
                 "pgp": [{"address": "wiki@example.com", "keyData": "not base64!"}]}}""");

        assertThat(((SettingsJson.Invalid) result).problems()).containsExactly(
                "signing.smime[0].pkcs12Path: an identity has either a file path or an uploaded key, not both",
                "signing.pgp[0].keyData: is not base64");
    }

    @Test
    void aVersionTwoIdentityStillNeedsItsFileAndReadsUpgraded() {
        SettingsJson.Result missing = SettingsJson.read("""
                {"schemaVersion": 2, "signing": {"smime": [{"address": "wiki@example.com"}]}}""");
        SettingsJson.Result file = SettingsJson.read("""
                {"schemaVersion": 2, "signing": {"pgp": [{"address": "wiki@example.com",
                 "secretKeyPath": "/keys/wiki.asc", "passphrase": "x"}]}}""");

        assertThat(((SettingsJson.Invalid) missing).problems())
                .containsExactly("signing.smime[0].pkcs12Path: is required");
        SettingsJson.Valid valid = (SettingsJson.Valid) file;
        assertThat(valid.upgraded()).isTrue();
        assertThat(valid.settings().signing().pgp()).containsExactly(new Settings.PgpIdentity("wiki@example.com",
                "/keys/wiki.asc", Secret.of("x")));
    }

    @Test
    void aVersionThreeDocumentReadsWithManagedKeysAtTheirDefaultPlace() {
        SettingsJson.Valid old = (SettingsJson.Valid) SettingsJson.read("""
                {"schemaVersion": 3, "smime": {"keyStore": {"path": "/k.p7b"}},
                 "signing": {"smime": [{"address": "wiki@example.com", "keyData": "AAEC"}]}}""");

        assertThat(old.version()).isEqualTo(3);
        assertThat(old.upgraded()).isTrue();
        assertThat(old.settings().schemaVersion()).isEqualTo(4);
        assertThat(old.settings().managedKeys()).isEqualTo(ManagedKeyPrecedence.AFTER_UPLOADS)
                .isEqualTo(ManagedKeyPrecedence.DEFAULT);
        assertThat(old.settings().smime().keyStorePath()).isEqualTo("/k.p7b");
        assertThat(((SettingsJson.Invalid) SettingsJson.read("""
                {"schemaVersion": 3, "managedKeys": {"precedence": "FIRST"}}""")).problems())
                .as("the part is new in version 4").containsExactly("managedKeys: unknown setting");
    }

    @Test
    void theManagedKeyPrecedenceRoundTripsAndAnUnknownValueNamesItsField() {
        for (ManagedKeyPrecedence precedence : ManagedKeyPrecedence.values()) {
            Settings settings = Settings.defaults().withManagedKeys(precedence);
            String written = SettingsJson.write(settings, false);

            assertThat(written.replaceAll("\\s", "")).contains("\"managedKeys\":{\"precedence\":\"" + precedence
                    + "\"}");
            assertThat(valid(written).managedKeys()).isEqualTo(precedence);
        }
        assertThat(valid("{\"schemaVersion\": 4}").managedKeys()).isEqualTo(ManagedKeyPrecedence.DEFAULT);
        assertThat(((SettingsJson.Invalid) SettingsJson.read("""
                {"schemaVersion": 4, "managedKeys": {"precedence": "SECOND", "extra": 1}}""")).problems())
                .containsExactlyInAnyOrder("managedKeys.extra: unknown setting",
                        "managedKeys.precedence: must be one of FIRST, AFTER_UPLOADS, AFTER_KEY_STORE, LAST");
    }
}
