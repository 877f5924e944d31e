package io.mailseal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMergeTest {

    private static final Settings STORED = settings(
            ldap("ldap.example.com", 636, "cn=reader", "ldap-pw"),
            new Settings.SmimeIdentity("wiki@example.com", "/keys/wiki.p12", Secret.of("p12-pw"), false),
            new Settings.PgpIdentity("wiki@example.com", "/keys/wiki.asc", Secret.of("pgp-pp")));

    @Test
    void emptySecretsKeepTheStoredOnesWhenNothingElseChanged() {
        Settings submitted = settings(ldap("LDAP.example.com", 636, "cn=reader", ""),
                new Settings.SmimeIdentity("Wiki@Example.com", "/keys/wiki.p12", Secret.empty(), true),
                new Settings.PgpIdentity("wiki@example.com", "/keys/wiki.asc", Secret.empty()));

        Settings merged = SecretMerge.keepStored(submitted, STORED);

        assertThat(merged.smime().externalLdap().password().reveal()).isEqualTo("ldap-pw");
        assertThat(merged.smime().externalLdap().host()).isEqualTo("LDAP.example.com");
        assertThat(merged.signing().smime().get(0).password().reveal()).isEqualTo("p12-pw");
        assertThat(merged.signing().smime().get(0).opaque()).as("the form's other fields win").isTrue();
        assertThat(merged.signing().pgp().get(0).passphrase().reveal()).isEqualTo("pgp-pp");
    }

    @Test
    void aTypedSecretReplacesTheStoredOne() {
        Settings submitted = settings(ldap("ldap.example.com", 636, "cn=reader", "new-pw"),
                new Settings.SmimeIdentity("wiki@example.com", "/keys/wiki.p12", Secret.of("new-p12"), false),
                new Settings.PgpIdentity("wiki@example.com", "/keys/wiki.asc", Secret.of("new-pp")));

        Settings merged = SecretMerge.keepStored(submitted, STORED);

        assertThat(merged).isEqualTo(submitted);
    }

    @Test
    void aStoredPasswordNeverFollowsTheSettingsToAnotherServerAccountOrFile() {
        Settings otherHost = settings(ldap("evil.example.net", 636, "cn=reader", ""), null, null);
        Settings otherPort = settings(ldap("ldap.example.com", 389, "cn=reader", ""), null, null);
        Settings otherBind = settings(ldap("ldap.example.com", 636, "cn=admin", ""), null, null);
        Settings otherFiles = settings(null,
                new Settings.SmimeIdentity("wiki@example.com", "/tmp/other.p12", Secret.empty(), false),
                new Settings.PgpIdentity("other@example.com", "/keys/wiki.asc", Secret.empty()));

        for (Settings submitted : List.of(otherHost, otherPort, otherBind)) {
            assertThat(SecretMerge.keepStored(submitted, STORED).smime().externalLdap().password().isEmpty())
                    .as(submitted.smime().externalLdap().toString()).isTrue();
        }
        Settings merged = SecretMerge.keepStored(otherFiles, STORED);
        assertThat(merged.signing().smime().get(0).password().isEmpty()).isTrue();
        assertThat(merged.signing().pgp().get(0).passphrase().isEmpty()).isTrue();
    }

    @Test
    void nothingStoredMeansNothingToKeep() {
        Settings submitted = settings(ldap("ldap.example.com", 636, "cn=reader", ""), null, null);

        assertThat(SecretMerge.keepStored(submitted, Settings.defaults())).isEqualTo(submitted);
    }

    private static Settings.Ldap ldap(String host, int port, String bindDn, String password) {
        return new Settings.Ldap(host, port, port == 636, bindDn, Secret.of(password), "dc=example,dc=com", null,
                "mail", false);
    }


    @Test
    void anUploadedKeyAndItsPasswordAreKeptWhenTheFormSavesTheIdentityWithoutThem() {
        Settings stored = settings(null, new Settings.SmimeIdentity("wiki@example.com", null, Secret.of("a2V5"),
                Secret.of("p12-pw"), false), new Settings.PgpIdentity("wiki@example.com", null, Secret.of("cGdw"),
                Secret.of("phrase")));
        Settings submitted = settings(null, new Settings.SmimeIdentity("WIKI@example.com", null, Secret.empty(),
                Secret.empty(), true), new Settings.PgpIdentity("wiki@example.com", null, Secret.empty(),
                Secret.empty()));

        Settings merged = SecretMerge.keepStored(submitted, stored);

        assertThat(merged.signing().smime().get(0).keyData().reveal()).isEqualTo("a2V5");
        assertThat(merged.signing().smime().get(0).password().reveal()).isEqualTo("p12-pw");
        assertThat(merged.signing().smime().get(0).opaque()).isTrue();
        assertThat(merged.signing().pgp().get(0).keyData().reveal()).isEqualTo("cGdw");
        assertThat(merged.signing().pgp().get(0).passphrase().reveal()).isEqualTo("phrase");
    }

    @Test
    void anUploadedKeyIsNotGivenToAFileIdentityOfTheSameAddress() {
        Settings stored = settings(null, new Settings.SmimeIdentity("wiki@example.com", null, Secret.of("a2V5"),
                Secret.of("p12-pw"), false), null);
        Settings submitted = settings(null, new Settings.SmimeIdentity("wiki@example.com", "/keys/wiki.p12",
                Secret.empty(), false), null);

        Settings.SmimeIdentity merged = SecretMerge.keepStored(submitted, stored).signing().smime().get(0);

        assertThat(merged.keyData().isEmpty()).isTrue();
        assertThat(merged.password().isEmpty()).isTrue();
    }

    private static Settings settings(Settings.Ldap ldap, Settings.SmimeIdentity smime, Settings.PgpIdentity pgp) {
        Settings defaults = Settings.defaults();
        return new Settings(Settings.SCHEMA_VERSION, new Settings.Smime(null, false, ldap, true), defaults.pgp(),
                defaults.cache(), defaults.encryption(), new Settings.Signing(true,
                smime == null ? List.of() : List.of(smime), pgp == null ? List.of() : List.of(pgp)));
    }
}
