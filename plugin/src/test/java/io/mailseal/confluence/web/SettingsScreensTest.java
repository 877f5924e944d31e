package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.settings.Secret;
import io.mailseal.settings.Settings;
import io.mailseal.store.AuditEvent;
import io.mailseal.store.SettingsStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encryption settings and key sources screens: forms onto the settings, problems by field, secrets kept. */
class SettingsScreensTest {

    private static final String ADMIN = WebFixture.ADMIN;

    @TempDir
    Path home;
    private WebFixture web;

    @BeforeEach
    void setUp() {
        web = new WebFixture(home);
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    /** The encryption form as the page submits it, with the defaults. */
    private FakeHttp.Request encryptionForm() {
        return web.post(ADMIN, Screen.SETTINGS)
                .param("encryption.typePriority", "SMIME_PREFERRED")
                .param("encryption.fallback", "PROBLEM_REPORT")
                .param("encryption.problemReport.extraText", "")
                .param("encryption.problemReport.adminCopy", "")
                .param("encryption.accountMailSubject", "")
                .param("encryption.exemptions", "")
                .param("encryption.subjectProtection.text", "...")
                .param("encryption.smime.contentEncryption", "AES_256_CBC")
                .param("signing.smime.rows", "1")
                .param("signing.pgp.rows", "1");
    }

    /** The key sources form with an external LDAP server. */
    private FakeHttp.Request sourcesForm(String password) {
        return web.post(ADMIN, Screen.SOURCES)
                .param("smime.keyStore.path", "")
                .param("smime.allowUserUploads", "true")
                .param("smime.externalLdap.enabled", "true")
                .param("smime.externalLdap.host", "ldap.example.com")
                .param("smime.externalLdap.port", "636")
                .param("smime.externalLdap.ssl", "true")
                .param("smime.externalLdap.bindDn", "cn=mailseal,dc=example,dc=com")
                .param("smime.externalLdap.password", password)
                .param("smime.externalLdap.baseDn", "dc=example,dc=com")
                .param("smime.externalLdap.searchFilter", "")
                .param("smime.externalLdap.emailAttribute", "mail")
                .param("pgp.keyStore.path", "")
                .param("pgp.keyServer.url", "hkps://keys.example.com")
                .param("pgp.vks.url", "https://keys.openpgp.org")
                .param("pgp.allowUserUploads", "true")
                .param("cache.foundMinutes", "1440")
                .param("cache.notFoundMinutes", "15")
                .param("managedKeys.precedence", "AFTER_UPLOADS");
    }

    @Test
    void theFormShowsTheStoredSettingsAndSavingChangesThemAndIsAudited() {
        FakeHttp.Response saved = web.run(web.settingsServlet(), encryptionForm()
                .param("encryption.fallback", "DO_NOT_SEND")
                .param("encryption.encryptForSender", "true")
                .param("encryption.problemReport.adminCopy", "wiki-admins@example.com")
                .param("encryption.exemptions", "{\"name\":\"newsletter\",\"senders\":[\"news@example.com\"]}\n\n"
                        + "{\"name\":\"alerts\",\"subject\":\"(?i)alert\"}"));

        assertThat(saved.status).isEqualTo(302);
        assertThat(saved.redirect).isEqualTo("/confluence/plugins/servlet/mailseal/admin/settings?saved=true");
        Settings.Encryption encryption = web.stored().encryption();
        assertThat(encryption.fallback()).isEqualTo("DO_NOT_SEND");
        assertThat(encryption.encryptForSender()).isTrue();
        assertThat(encryption.adminCopy()).isEqualTo("wiki-admins@example.com");
        assertThat(encryption.exemptions()).extracting(Settings.ExemptionRule::name)
                .containsExactly("newsletter", "alerts");
        AuditEvent event = web.auditEvents().get(0);
        assertThat(event.actor()).isEqualTo(web.keyOf(ADMIN));
        assertThat(event.action()).isEqualTo("settings.saved");
        assertThat(event.detail()).contains("encryption.encryptForSender").contains("encryption.problemReport.adminCopy")
                .contains("encryption.exemptions[0].name");

        FakeHttp.Request again = web.get(ADMIN, Screen.SETTINGS);
        again.query.put("saved", "true");
        String page = web.run(web.settingsServlet(), again).body();
        assertThat(page).contains("Settings saved.")
                .contains("value=\"wiki-admins@example.com\"")
                .contains("{&quot;name&quot;:&quot;newsletter&quot;")
                .containsPattern("name=\"encryption.encryptForSender\" value=\"true\"\\s+checked");
    }

    @Test
    void aBadFieldIsShownNextToItAndNothingIsSaved() {
        FakeHttp.Response response = web.run(web.sourcesServlet(), sourcesForm("secret-1")
                .param("smime.externalLdap.port", "abc").param("cache.notFoundMinutes", "0"));

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).contains("Nothing was saved")
                .contains("<div class=\"error\">smime.externalLdap.port: must be a whole number</div>")
                .contains("<div class=\"error\">cache.notFoundMinutes: must be between 1 and 1440</div>")
                .contains("value=\"abc\"")
                .doesNotContain("secret-1");
        assertThat(web.settings.load()).isInstanceOf(SettingsStore.Missing.class);
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void aBrokenExemptionLineIsNamedByItsLineAndNothingIsSaved() {
        FakeHttp.Response response = web.run(web.settingsServlet(), encryptionForm()
                .param("encryption.exemptions", "{\"name\":\"ok\"}\n{\"senders\":[\"a@example.com\"]}\n{oops"));

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).contains("encryption.exemptions (line 3): not valid JSON");
        assertThat(web.settings.load()).isInstanceOf(SettingsStore.Missing.class);

        FakeHttp.Response second = web.run(web.settingsServlet(), encryptionForm()
                .param("encryption.exemptions", "{\"name\":\"ok\"}\n\n{\"senders\":[\"a@example.com\"]}"));
        assertThat(second.body()).contains("encryption.exemptions (line 3).name: is required");
        assertThat(web.settings.load()).isInstanceOf(SettingsStore.Missing.class);
    }

    @Test
    void secretsAreNeverShownAnEmptyFieldKeepsThemAndClearRemovesThem() {
        assertThat(web.run(web.sourcesServlet(), sourcesForm("ldap-secret-1")).status).isEqualTo(302);
        assertThat(web.stored().smime().externalLdap().password()).isEqualTo(Secret.of("ldap-secret-1"));

        String page = web.run(web.sourcesServlet(), web.get(ADMIN, Screen.SOURCES)).body();
        assertThat(page).doesNotContain("ldap-secret-1").contains("A value is stored")
                .contains("name=\"smime.externalLdap.password\" value=\"\"");

        assertThat(web.run(web.sourcesServlet(), sourcesForm("").param("smime.externalLdap.baseDn", "ou=people"))
                .status).isEqualTo(302);
        assertThat(web.stored().smime().externalLdap().password()).isEqualTo(Secret.of("ldap-secret-1"));
        assertThat(web.stored().smime().externalLdap().baseDn()).isEqualTo("ou=people");
        assertThat(web.auditEvents().get(0).detail()).contains("smime.externalLdap.baseDn")
                .doesNotContain("smime.externalLdap.password").doesNotContain("ldap-secret-1");

        assertThat(web.run(web.sourcesServlet(), sourcesForm("")
                .param("smime.externalLdap.password.clear", "true")).status).isEqualTo(302);
        assertThat(web.stored().smime().externalLdap().password().isEmpty()).isTrue();
        assertThat(web.auditEvents().get(0).detail()).contains("smime.externalLdap.password");
    }

    @Test
    void signingIdentitiesAreRowsWhoseSecretsAreKeptByAddressAndFile() {
        FakeHttp.Request first = encryptionForm().param("signing.enabled", "true")
                .param("signing.smime.rows", "2")
                .param("signing.smime[0].address", "wiki@example.com")
                .param("signing.smime[0].pkcs12Path", "/var/mailseal/signing.p12")
                .param("signing.smime[0].password", "p12-secret")
                .param("signing.smime[1].address", "").param("signing.smime[1].pkcs12Path", "")
                .param("signing.smime[1].password", "");
        assertThat(web.run(web.settingsServlet(), first).status).isEqualTo(302);
        assertThat(web.stored().signing().smime()).singleElement()
                .satisfies(identity -> assertThat(identity.password()).isEqualTo(Secret.of("p12-secret")));

        String page = web.run(web.settingsServlet(), web.get(ADMIN, Screen.SETTINGS)).body();
        assertThat(page).doesNotContain("p12-secret").contains("value=\"/var/mailseal/signing.p12\"")
                .contains("name=\"signing.smime.rows\" value=\"2\"");

        FakeHttp.Request kept = encryptionForm().param("signing.enabled", "true")
                .param("signing.smime.rows", "1")
                .param("signing.smime[0].address", "wiki@example.com")
                .param("signing.smime[0].pkcs12Path", "/var/mailseal/signing.p12")
                .param("signing.smime[0].password", "")
                .param("signing.smime[0].opaque", "true");
        assertThat(web.run(web.settingsServlet(), kept).status).isEqualTo(302);
        assertThat(web.stored().signing().smime().get(0).password()).isEqualTo(Secret.of("p12-secret"));
        assertThat(web.stored().signing().smime().get(0).opaque()).isTrue();

        FakeHttp.Request badRow = encryptionForm().param("signing.smime.rows", "2")
                .param("signing.smime[1].address", "not-an-address")
                .param("signing.smime[1].pkcs12Path", "/x.p12");
        FakeHttp.Response refused = web.run(web.settingsServlet(), badRow);
        assertThat(refused.status).isEqualTo(400);
        assertThat(refused.body()).contains("signing.smime[1].address: is not an e-mail address");
        assertThat(web.stored().signing().smime().get(0).opaque()).isTrue();
    }

    @Test
    void markupInAValueIsShownEscaped() {
        String script = "<script>alert('x')</script>";
        assertThat(web.run(web.settingsServlet(), encryptionForm()
                .param("encryption.problemReport.extraText", script)).status).isEqualTo(302);

        String page = web.run(web.settingsServlet(), web.get(ADMIN, Screen.SETTINGS)).body();
        assertThat(page).doesNotContain(script)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");

        FakeHttp.Response bad = web.run(web.sourcesServlet(), sourcesForm("")
                .param("smime.externalLdap.host", "\"><script>alert(1)</script>"));
        assertThat(bad.status).isEqualTo(400);
        assertThat(bad.body()).doesNotContain("<script>alert(1)").contains("&quot;&gt;&lt;script&gt;");
    }
}
