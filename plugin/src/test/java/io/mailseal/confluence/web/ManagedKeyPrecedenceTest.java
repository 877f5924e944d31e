package io.mailseal.confluence.web;

import static io.mailseal.confluence.web.WebFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.ConfiguredKeyDirectory;
import io.mailseal.keys.source.ManagedKeyPrecedence;
import io.mailseal.store.AuditEvent;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStatus;
import io.mailseal.testkit.identities.TestIdentities;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The admin's "where managed keys stand" on the key sources screen decides which of a managed certificate, a user's
 * upload and the key store file's certificate for the same address the mail path encrypts to.
 */
class ManagedKeyPrecedenceTest {

    private static final EmailAddress ALICE = EmailAddress.parse("alice@example.com");

    @TempDir
    Path home;
    @TempDir
    Path files;
    private WebFixture web;
    private Path keyStore;

    @BeforeEach
    void setUp() throws Exception {
        web = new WebFixture(home);
        keyStore = TestIdentities.copyTo(files, "alice.p7b");
        byte[] der = TestIdentities.bytes("alice.der");
        String fingerprint = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(der));
        web.managedKeys.save(new ManagedKey(new ManagedKeyStatus(fingerprint, ALICE, KeyType.SMIME,
                ManagedKey.Origin.IMPORTED, Instant.parse("2025-01-01T00:00:00Z"), Optional.empty(), false, false),
                der, Optional.empty()));
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    /** The key sources form: the key store file, uploads, the user directory, and the managed keys' place. */
    private FakeHttp.Response save(String precedence) {
        return web.run(web.sourcesServlet(), web.post(ADMIN, Screen.SOURCES)
                .param("smime.keyStore.path", keyStore.toString())
                .param("smime.userDirectory.enabled", "true")
                .param("smime.allowUserUploads", "true")
                .param("smime.externalLdap.port", "389")
                .param("smime.externalLdap.emailAttribute", "mail")
                .param("pgp.vks.url", "https://keys.openpgp.org")
                .param("cache.foundMinutes", "1440")
                .param("cache.notFoundMinutes", "15")
                .param("managedKeys.precedence", precedence));
    }

    private LookupResult lookupAlice() {
        ConfiguredKeyDirectory directory = web.outbound.keyDirectory().orElseThrow();
        return directory.lookup(ALICE, KeyType.SMIME);
    }

    @ParameterizedTest(name = "{0}: {1} wins")
    @CsvSource({"FIRST, MANAGED", "AFTER_UPLOADS, UPLOAD", "AFTER_KEY_STORE, UPLOAD", "LAST, UPLOAD"})
    void withAnUploadAKeyStoreAndAManagedCertificateTheSettingDecidesWhichWins(ManagedKeyPrecedence precedence,
                                                                              SourceName winner) {
        web.uploads.save("alice", ALICE, KeyType.SMIME, TestIdentities.bytes("alice.crt"));

        assertThat(save(precedence.name()).status).isEqualTo(302);

        assertThat(web.stored().managedKeys()).isEqualTo(precedence);
        assertThat(lookupAlice().selected()).map(LookupResult.Found::source).contains(winner);
    }

    @ParameterizedTest(name = "{0}: {1} wins")
    @CsvSource({"FIRST, MANAGED", "AFTER_UPLOADS, MANAGED", "AFTER_KEY_STORE, KEYSTORE", "LAST, KEYSTORE"})
    void withoutAnUploadTheManagedCertificateWinsOverTheKeyStoreOnlyBeforeIt(ManagedKeyPrecedence precedence,
                                                                            SourceName winner) {
        assertThat(save(precedence.name()).status).isEqualTo(302);

        assertThat(lookupAlice().selected()).map(LookupResult.Found::source).contains(winner);
    }

    @Test
    void lastAsksTheManagedKeysAfterTheDirectoriesAfterKeyStoreBeforeThem() {
        assertThat(save("AFTER_KEY_STORE").status).isEqualTo(302);
        assertThat(web.outbound.keyDirectory().orElseThrow().verify(ALICE).responses())
                .filteredOn(response -> response.type() == KeyType.SMIME).extracting(SourceResponse::source)
                .containsExactly(SourceName.UPLOAD, SourceName.KEYSTORE, SourceName.MANAGED,
                        SourceName.USER_DIRECTORY);

        assertThat(save("LAST").status).isEqualTo(302);
        assertThat(web.outbound.keyDirectory().orElseThrow().verify(ALICE).responses())
                .filteredOn(response -> response.type() == KeyType.SMIME).extracting(SourceResponse::source)
                .containsExactly(SourceName.UPLOAD, SourceName.KEYSTORE, SourceName.USER_DIRECTORY,
                        SourceName.MANAGED);
    }

    @Test
    void theScreenShowsTheChoiceAndAChangeIsAuditedByItsField() {
        String page = web.run(web.sourcesServlet(), web.get(ADMIN, Screen.SOURCES)).body();
        assertThat(page).contains("Where managed keys stand")
                .containsPattern("value=\"AFTER_UPLOADS\"\\s+selected");

        assertThat(save("LAST").status).isEqualTo(302);

        AuditEvent event = web.auditEvents().get(0);
        assertThat(event.action()).isEqualTo("settings.saved");
        assertThat(event.detail()).contains("managedKeys.precedence");
        assertThat(web.run(web.sourcesServlet(), web.get(ADMIN, Screen.SOURCES)).body())
                .containsPattern("value=\"LAST\"\\s+selected");
    }

    @Test
    void anUnknownChoiceIsNamedByItsFieldAndNothingIsSaved() {
        FakeHttp.Response response = save("SECOND");

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).contains("managedKeys.precedence: must be one of FIRST, AFTER_UPLOADS,"
                + " AFTER_KEY_STORE, LAST");
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void theExportCarriesTheChoiceAndAnImportSetsItAndAnOldExportImportsWithTheDefault() {
        web.settings.save(io.mailseal.settings.Settings.defaults().withManagedKeys(ManagedKeyPrecedence.LAST));
        FakeHttp.Request download = web.get(ADMIN, Screen.TRANSFER);
        download.query.put("download", "json");
        String export = web.run(web.transferServlet(), download).body();
        assertThat(export.replaceAll("\\s", "")).contains("\"managedKeys\":{\"precedence\":\"LAST\"}");

        web.settings.save(io.mailseal.settings.Settings.defaults());
        assertThat(web.run(web.transferServlet(), web.post(ADMIN, Screen.TRANSFER).param("document", export))
                .status).isEqualTo(302);
        assertThat(web.stored().managedKeys()).isEqualTo(ManagedKeyPrecedence.LAST);

        assertThat(web.run(web.transferServlet(), web.post(ADMIN, Screen.TRANSFER)
                .param("document", "{\"schemaVersion\": 3, \"smime\": {\"allowUserUploads\": false}}")).status)
                .isEqualTo(302);
        assertThat(web.stored().managedKeys()).isEqualTo(ManagedKeyPrecedence.DEFAULT);
        assertThat(web.stored().smime().allowUserUploads()).isFalse();
    }
}
