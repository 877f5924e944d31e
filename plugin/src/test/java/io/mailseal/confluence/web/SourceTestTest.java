package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.settings.Secret;
import io.mailseal.settings.Settings;
import io.mailseal.store.AuditEvent;
import io.mailseal.testkit.http.KeyServerStub;
import io.mailseal.testkit.identities.TestIdentities;
import io.mailseal.testkit.ldap.InMemoryLdapServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** "Test connections" on the key sources screen, against a real in-memory LDAP server and an HKP server. */
class SourceTestTest {

    private static final String ADMIN = WebFixture.ADMIN;

    @RegisterExtension
    final InMemoryLdapServer ldap = InMemoryLdapServer.withBaseDn("dc=example,dc=com")
            .bindUser("cn=reader,dc=example,dc=com", "ldap-secret-9").requireAuthentication();
    @RegisterExtension
    final KeyServerStub keyServer = new KeyServerStub();

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

    private void configure(String ldapPassword) {
        Path keyStore = TestIdentities.copyTo(home, "smime-keystore.p7b");
        web.settings.save(Settings.defaults().withKeySources(
                new Settings.Smime(keyStore.toString(), false, new Settings.Ldap("127.0.0.1", ldap.port(), false,
                        "cn=reader,dc=example,dc=com", Secret.of(ldapPassword), "dc=example,dc=com", null, "mail",
                        false), false),
                new Settings.Pgp(home.resolve("missing.asc").toString(), keyServer.hkpUrl(), false, false,
                        Settings.Pgp.DEFAULT_VKS_URL, false)));
    }

    private FakeHttp.Response test() {
        return web.run(web.sourcesServlet(), web.post(ADMIN, Screen.SOURCES).param("operation", "test"));
    }

    @Test
    void eachConfiguredSourceIsAskedAndTheResultShownWithoutChangingAnything() {
        configure("ldap-secret-9");
        ldap.addPerson("admin", "admin@example.com");
        var before = web.stored();

        FakeHttp.Response response = test();

        String page = response.body();
        assertThat(response.status).isEqualTo(200);
        assertThat(page).contains("Every configured key source was asked for admin@example.com.")
                .containsPattern("<td>Key store file</td><td>S/MIME</td><td>works</td><td>\\(no connection\\)</td>"
                        + "<td><div>File read: [^<]+, [1-9][0-9]* keys.</div><div>Reachable: no usable key")
                .containsPattern("<td>External LDAP</td><td>S/MIME</td><td>works</td><td>no</td>"
                        + "<td><div>Reachable: no usable key for admin@example.com")
                .containsPattern("<td>Key server</td><td>PGP</td><td>works</td><td>no</td>")
                .containsPattern("<td>Key store file</td><td>PGP</td><td><strong class=\"mailseal-bad\">fails")
                .doesNotContain("ldap-secret-9");
        assertThat(keyServer.requests()).singleElement()
                .satisfies(r -> assertThat(r.query()).contains("search=admin"));
        assertThat(web.stored()).isEqualTo(before);
        assertThat(web.auditEvents()).extracting(AuditEvent::action).containsExactly("sources.tested");
    }

    @Test
    void aWrongBindPasswordFailsNamingTheServerButNotThePassword() {
        configure("wrong-secret-5");

        String page = test().body();

        assertThat(page).containsPattern("<td>External LDAP</td><td>S/MIME</td><td><strong "
                + "class=\"mailseal-bad\">fails</strong></td><td>no</td><td><div>[^<]*ldap://127.0.0.1:" + ldap.port())
                .doesNotContain("wrong-secret-5");
    }

    @Test
    void aForgedTestIsRefusedAndAsksNoSource() {
        configure("ldap-secret-9");
        FakeHttp.Request forged = web.post(ADMIN, Screen.SOURCES).param("operation", "test");
        forged.param("atl_token", "forged");

        assertThat(web.run(web.sourcesServlet(), forged).status).isEqualTo(403);
        assertThat(web.run(web.sourcesServlet(), web.post("alice", Screen.SOURCES).param("operation", "test"))
                .status).isEqualTo(403);
        assertThat(keyServer.requests()).isEmpty();
    }
}
