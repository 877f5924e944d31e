package io.mailseal.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.settings.Secret;
import io.mailseal.settings.Settings;
import io.mailseal.store.SettingsStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SettingsStore} does. An implementation subclasses this, supplies an empty store and a way to put
 * a document there as an older version (or damage) would have left it.
 */
public abstract class SettingsStoreContract {

    /** Settings with every kind of secret set. */
    protected static final Settings WITH_SECRETS = withSecrets("ldap-pw", "p12-pw", "pgp-pp");

    /** The store under test. */
    protected SettingsStore store;

    /**
     * An empty store.
     *
     * @return the store
     */
    protected abstract SettingsStore newStore();

    /**
     * Puts a settings document into the store as it is, bypassing {@link SettingsStore#save} (no secrets in it).
     *
     * @param json the document
     */
    protected abstract void storeDocument(String json);

    /**
     * Where the store says its document is, at the start of every problem (e.g. the Bandana key).
     *
     * @return the name
     */
    protected abstract String where();

    @BeforeEach
    void emptyStore() {
        store = newStore();
    }

    @Test
    void nothingStoredGivesTheDefaults() {
        assertThat(store.load()).isEqualTo(new SettingsStore.Missing(Settings.defaults()));
    }

    @Test
    void savedSettingsLoadBackTheSameSecretsIncluded() {
        assertThat(store.save(WITH_SECRETS)).isEqualTo(new SettingsStore.Written(WITH_SECRETS));

        assertThat(store.load()).isEqualTo(new SettingsStore.Found(WITH_SECRETS, Settings.SCHEMA_VERSION));
    }

    @Test
    void aSaveReplacesTheWholeDocument() {
        store.save(WITH_SECRETS);

        store.save(Settings.defaults());

        assertThat(store.load()).isEqualTo(new SettingsStore.Found(Settings.defaults(), Settings.SCHEMA_VERSION));
    }

    @Test
    void aFormThatLeavesSecretsEmptyKeepsTheStoredOnes() {
        store.save(WITH_SECRETS);

        SettingsStore.Saved saved = store.saveKeepingSecrets(withSecrets("", "", ""));

        assertThat(saved).isEqualTo(new SettingsStore.Written(WITH_SECRETS));
        assertThat(store.load()).isEqualTo(new SettingsStore.Found(WITH_SECRETS, Settings.SCHEMA_VERSION));
    }

    @Test
    void aFormThatTypesASecretReplacesIt() {
        store.save(WITH_SECRETS);

        store.saveKeepingSecrets(withSecrets("new-ldap-pw", "", ""));

        Settings stored = ((SettingsStore.Found) store.load()).settings();
        assertThat(stored.smime().externalLdap().password().reveal()).isEqualTo("new-ldap-pw");
        assertThat(stored.signing().smime().get(0).password().reveal()).isEqualTo("p12-pw");
    }

    @Test
    void aDocumentOfAnOlderSchemaIsUpgradedOnReading() {
        storeDocument("{\"schemaVersion\": 1, \"smime\": {\"keyStore\": {\"path\": \"/keys/smime.p7b\"}}}");

        SettingsStore.Loaded loaded = store.load();

        assertThat(loaded).isInstanceOfSatisfying(SettingsStore.Found.class, found -> {
            assertThat(found.storedVersion()).isEqualTo(1);
            assertThat(found.settings().schemaVersion()).isEqualTo(Settings.SCHEMA_VERSION);
            assertThat(found.settings().smime().keyStorePath()).isEqualTo("/keys/smime.p7b");
            assertThat(found.settings().encryption()).isEqualTo(Settings.Encryption.DEFAULTS);
        });
    }

    @Test
    void aBadStoredDocumentIsUnusableWithProblemsNamingWhereAndTheField() {
        storeDocument("{\"cache\": {\"foundMinutes\": \"often\"}, \"pgp\": {\"wkd\": {\"enabled\": 1}}}");

        SettingsStore.Loaded loaded = store.load();

        assertThat(loaded).isEqualTo(new SettingsStore.Unusable(List.of(
                where() + ": pgp.wkd.enabled: must be true or false",
                where() + ": cache.foundMinutes: must be a whole number")));
    }

    @Test
    void aStoredDocumentThatIsNotJsonIsUnusable() {
        storeDocument("{\"smime\": ");

        assertThat(store.load()).isInstanceOfSatisfying(SettingsStore.Unusable.class, unusable ->
                assertThat(unusable.problems()).singleElement().asString()
                        .startsWith(where() + ": (document): not valid JSON"));
    }

    /**
     * Settings with an external LDAP server and one S/MIME and one PGP signing identity, with these secrets.
     *
     * @param ldapPassword the LDAP bind password
     * @param p12Password  the PKCS#12 password
     * @param passphrase   the PGP passphrase
     * @return the settings
     */
    protected static Settings withSecrets(String ldapPassword, String p12Password, String passphrase) {
        Settings defaults = Settings.defaults();
        Settings.Ldap ldap = new Settings.Ldap("ldap.example.com", 636, true, "cn=reader,dc=example,dc=com",
                Secret.of(ldapPassword), "dc=example,dc=com", "(objectClass=person)", "mail", false);
        return new Settings(Settings.SCHEMA_VERSION, new Settings.Smime("/keys/smime.p7b", true, ldap, true),
                defaults.pgp(), defaults.cache(), defaults.encryption(), new Settings.Signing(true,
                List.of(new Settings.SmimeIdentity("wiki@example.com", "/keys/wiki.p12", Secret.of(p12Password),
                        false)),
                List.of(new Settings.PgpIdentity("wiki@example.com", "/keys/wiki.asc", Secret.of(passphrase)))));
    }
}
