package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.mailseal.settings.Settings;
import io.mailseal.store.AuditEvent;
import io.mailseal.testkit.identities.TestIdentities;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Send a test mail" on the verify screen: the real mail path into a real SMTP server. */
class TestMailTest {

    private static final String ADMIN = WebFixture.ADMIN;

    @TempDir
    Path home;
    private WebFixture web;
    private GreenMail upstream;

    @BeforeEach
    void setUp() throws Exception {
        web = new WebFixture(home);
        upstream = web.startUpstream();
        Path keyStore = TestIdentities.copyTo(home, "smime-keystore.p7b");
        Settings defaults = Settings.defaults();
        web.settings.save(defaults.withKeySources(new Settings.Smime(keyStore.toString(), false, null, false),
                defaults.pgp()));
    }

    @AfterEach
    void tearDown() {
        web.hook.uninstall();
        upstream.stop();
        web.close();
    }

    private FakeHttp.Request testMail(String address) {
        return web.post(ADMIN, Screen.VERIFY).param("operation", "testMail").param("address", address);
    }

    @Test
    void theTestMailIsEncryptedOnTheRealPathAndThePageNamesTheKey() {
        web.hook.install();

        FakeHttp.Response response = web.run(web.verifyServlet(), testMail("alice@example.com"));

        assertThat(upstream.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(m.getContentType()).contains("application/pkcs7-mime"));
        assertThat(response.body()).contains("The test mail to alice@example.com was accepted")
                .containsPattern("mailseal-testmail-outcome[\\s\\S]*<td>Deliveries encrypted with S/MIME</td><td>"
                        + TestIdentities.property("alice.smime.serial"));
        assertThat(web.auditEvents()).extracting(AuditEvent::action).containsExactly("testmail.sent");
    }

    @Test
    void aTestMailThatMailsealDidNotSeeIsSaidSo() {
        FakeHttp.Response response = web.run(web.verifyServlet(), testMail("alice@example.com"));

        assertThat(upstream.getReceivedMessages()).hasSize(1);
        assertThat(response.body()).contains("Mailseal did not see the test mail");
    }

    @Test
    void withoutTheTokenOrWithABadAddressNothingIsSent() {
        web.hook.install();
        FakeHttp.Request forged = testMail("alice@example.com");
        forged.param("atl_token", "forged");

        FakeHttp.Response refused = web.run(web.verifyServlet(), forged);
        FakeHttp.Response bad = web.run(web.verifyServlet(), testMail("<b>x</b>"));

        assertThat(refused.status).isEqualTo(403);
        assertThat(bad.status).isEqualTo(400);
        assertThat(bad.body()).contains("address: &quot;&lt;b&gt;x&lt;/b&gt;&quot; is not an e-mail address.");
        assertThat(upstream.getReceivedMessages()).isEmpty();
        assertThat(web.auditEvents()).isEmpty();
    }
}
