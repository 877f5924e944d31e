package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.settings.Secret;
import io.mailseal.settings.Settings;
import io.mailseal.settings.SettingsJson;
import io.mailseal.store.AuditEvent;
import io.mailseal.testkit.identities.TestIdentities;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verify, status, audit log, export and import. */
class AdminToolsTest {

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

    /** Settings with a key store and every secret; the LDAP server is a closed loopback port (no traffic leaves). */
    private Settings withKeyStoreAndSecrets() {
        Path keyStore = TestIdentities.copyTo(home, "smime-keystore.p7b");
        Settings defaults = Settings.defaults();
        Settings settings = defaults.withKeySources(new Settings.Smime(keyStore.toString(), false,
                new Settings.Ldap("127.0.0.1", 1, false, "cn=reader", Secret.of("ldap-secret-9"),
                        "dc=example,dc=com", null, "mail", false), true), defaults.pgp());
        return new Settings(settings.schemaVersion(), settings.smime(), settings.pgp(), settings.cache(),
                settings.encryption(), new Settings.Signing(false, List.of(new Settings.SmimeIdentity(
                "wiki@example.com", "/var/signing.p12", Secret.of("p12-secret-9"), false)),
                List.of(new Settings.PgpIdentity("wiki@example.com", "/var/signing.asc",
                        Secret.of("pgp-secret-9")))));
    }

    @Test
    void verifyShowsTheKeyThatWouldBeUsedEveryKeyFoundAndEveryRejectionPerSource() {
        Settings settings = withKeyStoreAndSecrets();
        web.settings.save(settings.withKeySources(new Settings.Smime(settings.smime().keyStorePath(), false, null,
                true), settings.pgp()));

        FakeHttp.Request alice = web.get(ADMIN, Screen.VERIFY);
        alice.query.put("address", "alice@example.com");
        String page = web.run(web.verifyServlet(), alice).body();

        assertThat(page).contains("<h3>Key that would be used</h3>")
                .containsPattern("mailseal-selected[\\s\\S]*<td>S/MIME</td><td>Key store file</td><td>"
                        + TestIdentities.property("alice.smime.serial") + "</td>")
                .contains("<td>" + TestIdentities.property("alice-old.smime.serial") + "</td>")
                .contains("<td>Key store file</td><td>S/MIME</td><td>found</td>");

        FakeHttp.Request dave = web.get(ADMIN, Screen.VERIFY);
        dave.query.put("address", "dave@example.com");
        String rejected = web.run(web.verifyServlet(), dave).body();
        assertThat(rejected).contains("No source has a usable key for this address.")
                .containsPattern("mailseal-rejected[\\s\\S]*<td>expired</td><td>expired on 2021-01-01");
    }

    @Test
    void verifyWithASenderShowsTheFirstMatchingRuleWhyAndTheDecisionWithoutItsPassword() {
        io.mailseal.testkit.store.InMemoryRuleSetStore rules = new io.mailseal.testkit.store.InMemoryRuleSetStore();
        io.mailseal.rules.RuleImportResult parsed = io.mailseal.rules.RuleImportParser.create().parse("r.ruleimport",
                new java.io.StringReader("*;alice@example.com;pdf:Top-Secret-1;notify\n*;*;me\n#####\n"));
        rules.replace(((io.mailseal.rules.RuleImportResult.Valid) parsed).ruleSet());
        web.outbound.setRules(io.mailseal.outbound.OutboundProcessor.Rules.of(rules,
                new io.mailseal.testkit.store.InMemoryGroupStore(),
                new io.mailseal.testkit.store.InMemoryContentPasswordStore()));

        FakeHttp.Request alice = web.get(ADMIN, Screen.VERIFY);
        alice.query.put("address", "alice@example.com");
        alice.query.put("from", "wiki@example.com");
        String page = web.run(web.verifyServlet(), alice).body();

        assertThat(page).contains("<h3>Rule that applies</h3>", "<code>*;alice@example.com;pdf:********;notify</code>",
                "rule 1: from *, to alice@example.com", "Password-protected file (pdf/zip): rule 1",
                "<li>notify: notify: the sender gets a notice of what was done</li>")
                .doesNotContain("Top-Secret-1");

        FakeHttp.Request bob = web.get(ADMIN, Screen.VERIFY);
        bob.query.put("address", "bob@example.com");
        bob.query.put("from", "wiki@example.com");
        assertThat(web.run(web.verifyServlet(), bob).body()).contains("rule 2: from *, to *", "Problem report instead");

        FakeHttp.Request noSender = web.get(ADMIN, Screen.VERIFY);
        noSender.query.put("address", "bob@example.com");
        assertThat(web.run(web.verifyServlet(), noSender).body()).doesNotContain("Rule that applies");
    }

    @Test
    void verifyFindsAKeyTheUseSyncManagesAsAManagedKey() {
        io.mailseal.keys.EmailAddress bob = io.mailseal.keys.EmailAddress.parse("bob@example.com");
        web.managedKeys.save(new io.mailseal.store.ManagedKey(new io.mailseal.store.ManagedKeyStatus(
                TestIdentities.pgpFingerprint("bob"), bob, io.mailseal.keys.KeyType.PGP,
                io.mailseal.store.ManagedKey.Origin.IMPORTED, Instant.parse("2026-01-01T00:00:00Z"),
                java.util.Optional.empty(), false, false), TestIdentities.bytes("bob.asc"), java.util.Optional.empty()));

        FakeHttp.Request verify = web.get(ADMIN, Screen.VERIFY);
        verify.query.put("address", "bob@example.com");
        String page = web.run(web.verifyServlet(), verify).body();

        assertThat(page).containsPattern("mailseal-selected[\\s\\S]*<td>PGP</td><td>Managed keys</td>")
                .contains("<td>Managed keys</td><td>PGP</td><td>found</td>");
    }

    @Test
    void verifyAsksForTheAdministratorsOwnAddressFirstAndNamesABadOne() {
        String first = web.run(web.verifyServlet(), web.get(ADMIN, Screen.VERIFY)).body();
        assertThat(first).contains("value=\"admin@example.com\"");

        FakeHttp.Request bad = web.get(ADMIN, Screen.VERIFY);
        bad.query.put("address", "<b>nobody</b>");
        String page = web.run(web.verifyServlet(), bad).body();
        assertThat(page).contains("address: &quot;&lt;b&gt;nobody&lt;/b&gt;&quot; is not an e-mail address.")
                .doesNotContain("<b>nobody</b>");
    }

    @Test
    void statusShowsTheHookItsServersAndTheSettingsProblems() {
        web.addSmtpServer();

        String page = web.run(web.statusServlet(), web.get(ADMIN, Screen.STATUS)).body();

        assertThat(page).containsPattern("Installed</th><td>yes")
                .containsPattern("mailseal-servers[\\s\\S]*<td>SMTP server</td><td>yes</td><td>no</td>")
                .contains("The stored settings are in use.")
                .contains("Deliveries encrypted with S/MIME</th><td>0</td>");
    }

    @Test
    void expiringTheCacheAsksFirstThenNeedsTheConfirmedPostAndIsAudited() {
        FakeHttp.Request ask = web.get(ADMIN, Screen.STATUS);
        ask.query.put("confirm", "expire");
        assertThat(web.run(web.statusServlet(), ask).body()).contains("Expire every cached key answer now?")
                .contains("name=\"confirmed\" value=\"yes\"");

        FakeHttp.Response unconfirmed = web.run(web.statusServlet(), web.post(ADMIN, Screen.STATUS)
                .param("operation", "expire"));
        assertThat(unconfirmed.body()).contains("Expire every cached key answer now?");
        assertThat(web.auditEvents()).isEmpty();

        FakeHttp.Response done = web.run(web.statusServlet(), web.post(ADMIN, Screen.STATUS)
                .param("operation", "expire").param("confirmed", "yes"));
        assertThat(done.redirect).endsWith("/admin/status?expired=true");
        assertThat(web.auditEvents()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("cache.expired");
            assertThat(event.actor()).isEqualTo(web.keyOf(ADMIN));
        });
    }

    @Test
    void theAuditLogShowsTheNewestEntriesFirstWithUserNamesEscaped() {
        web.audit.append(new AuditEvent(Instant.parse("2025-05-01T10:00:00Z"), web.keyOf("alice"), "key.uploaded",
                "alice@example.com", "S/MIME key <1001>"));
        web.audit.append(new AuditEvent(Instant.parse("2025-05-02T10:00:00Z"), web.keyOf(ADMIN), "settings.saved",
                "settings", "changed: encryption.fallback"));

        String page = web.run(web.auditServlet(), web.get(ADMIN, Screen.AUDIT)).body();

        assertThat(page).containsPattern("2025-05-02T10:00:00Z</td><td>admin</td><td>settings.saved[\\s\\S]*"
                + "2025-05-01T10:00:00Z</td><td>alice</td><td>key.uploaded")
                .contains("S/MIME key &lt;1001&gt;");
    }

    @Test
    void theExportIsTheSettingsJsonWithoutAnySecretAndIsAudited() {
        web.settings.save(withKeyStoreAndSecrets());
        FakeHttp.Request download = web.get(ADMIN, Screen.TRANSFER);
        download.query.put("download", "json");

        FakeHttp.Response response = web.run(web.transferServlet(), download);

        assertThat(response.contentType).startsWith("application/json");
        assertThat(response.headers.get("Content-Disposition")).contains("mailseal-settings.json");
        String json = response.body();
        assertThat(json).doesNotContain("ldap-secret-9").doesNotContain("p12-secret-9")
                .doesNotContain("pgp-secret-9").doesNotContain("enc:v1");
        assertThat(SettingsJson.read(json)).isInstanceOf(SettingsJson.Valid.class);
        assertThat(web.auditEvents()).extracting(AuditEvent::action).containsExactly("settings.exported");
    }

    @Test
    void anImportWithAProblemChangesNothingAndNeverShowsTheDocumentBack() {
        web.settings.save(withKeyStoreAndSecrets());
        Settings before = web.stored();
        String document = "{\"schemaVersion\":2,\"smime\":{\"externalLdap\":{\"host\":\"x.example.com\","
                + "\"port\":70000,\"password\":\"typed-secret-7\"}},\"pgp\":{\"wkd\":\"yes\"}}";

        FakeHttp.Response response = web.run(web.transferServlet(), web.post(ADMIN, Screen.TRANSFER)
                .param("document", document));
        FakeHttp.Response broken = web.run(web.transferServlet(), web.post(ADMIN, Screen.TRANSFER)
                .param("document", "{\"smime\":{\"externalLdap\":{\"password\":typed-secret-8}}}"));

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).contains("smime.externalLdap.port: must be between 1 and 65535")
                .contains("pgp.wkd.enabled".substring(0, 7)).doesNotContain("typed-secret-7");
        assertThat(broken.body()).contains("not valid JSON at line 1").doesNotContain("typed-secret-8");
        assertThat(web.stored()).isEqualTo(before);
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void anImportTakesTheSecretsItHasAndKeepsTheStoredOnesItLeavesOut() {
        web.settings.save(withKeyStoreAndSecrets());
        String export = SettingsJson.write(web.stored(), false).replace("\"baseDn\" : \"dc=example,dc=com\"",
                "\"baseDn\" : \"ou=imported\"");
        String withNewSecret = export.replace("\"bindDn\" : \"cn=reader\"",
                "\"bindDn\" : \"cn=reader\", \"password\" : \"new-ldap-secret\"");

        FakeHttp.Response first = web.run(web.transferServlet(), web.multipart(ADMIN, Screen.TRANSFER,
                Map.of("file", new Object[] {"mailseal-settings.json", export.getBytes(StandardCharsets.UTF_8)})));
        assertThat(first.redirect).endsWith("/admin/transfer?imported=true");
        assertThat(web.stored().smime().externalLdap().baseDn()).isEqualTo("ou=imported");
        assertThat(web.stored().smime().externalLdap().password()).isEqualTo(Secret.of("ldap-secret-9"));
        assertThat(web.stored().signing().pgp().get(0).passphrase()).isEqualTo(Secret.of("pgp-secret-9"));
        assertThat(web.auditEvents().get(0).action()).isEqualTo("settings.imported");
        assertThat(web.auditEvents().get(0).detail()).contains("smime.externalLdap.baseDn");

        web.run(web.transferServlet(), web.post(ADMIN, Screen.TRANSFER).param("document", withNewSecret));
        assertThat(web.stored().smime().externalLdap().password()).isEqualTo(Secret.of("new-ldap-secret"));
        assertThat(web.auditEvents().get(0).detail()).contains("smime.externalLdap.password")
                .doesNotContain("new-ldap-secret");
    }

    @Test
    void noSecretAppearsOnAnyAdminScreen() {
        web.settings.save(withKeyStoreAndSecrets());
        web.addSmtpServer();
        FakeHttp.Request verify = web.get(ADMIN, Screen.VERIFY);
        verify.query.put("address", "alice@example.com");

        List<String> pages = List.of(
                web.run(web.settingsServlet(), web.get(ADMIN, Screen.SETTINGS)).body(),
                web.run(web.sourcesServlet(), web.get(ADMIN, Screen.SOURCES)).body(),
                web.run(web.verifyServlet(), verify).body(),
                web.run(web.statusServlet(), web.get(ADMIN, Screen.STATUS)).body(),
                web.run(web.auditServlet(), web.get(ADMIN, Screen.AUDIT)).body(),
                web.run(web.transferServlet(), web.get(ADMIN, Screen.TRANSFER)).body());

        for (String page : pages) {
            assertThat(page).doesNotContain("ldap-secret-9").doesNotContain("p12-secret-9")
                    .doesNotContain("pgp-secret-9").doesNotContain("enc:v1");
        }
        assertThat(pages.get(0)).contains("A value is stored");
    }
}
