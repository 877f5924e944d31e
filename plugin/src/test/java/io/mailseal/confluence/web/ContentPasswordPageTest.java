package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Secret;
import io.mailseal.store.AuditEvent;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile page's "Password for protected files": set, refuse, remove, for the user's own address only. */
class ContentPasswordPageTest {

    private static final String PASSWORD = "correct horse 42";
    private static final EmailAddress ALICE = EmailAddress.parse("alice@example.com");

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

    private FakeHttp.Response set(String user, String password, String confirm) {
        return web.run(web.keysServlet(), web.post(user, Screen.KEYS).param("operation", "setPassword")
                .param("password", password).param("confirm", confirm));
    }

    private static String everything(java.util.List<AuditEvent> events) {
        StringBuilder all = new StringBuilder();
        events.forEach(e -> all.append(e.action()).append(' ').append(e.subject()).append(' ').append(e.detail())
                .append('\n'));
        return all.toString();
    }

    @Test
    void theSectionShowsNoPasswordYetAndEmptyPasswordFields() {
        String page = web.run(web.keysServlet(), web.get("alice", Screen.KEYS)).body();

        assertThat(page).contains("Password for protected files")
                .contains("You have not set a password for protected files.")
                .contains("type=\"password\" id=\"mailseal-password\" name=\"password\" autocomplete=\"new-password\">")
                .doesNotContain("removePassword");
    }

    @Test
    void aUserSetsThePasswordOfTheirOwnAddressWhichIsAuditedButNeverShownOrAudited() {
        FakeHttp.Response response = set("alice", PASSWORD, PASSWORD);

        assertThat(response.redirect).isEqualTo("/confluence/plugins/servlet/mailseal/keys?passwordSet=true");
        assertThat(web.contentPasswords.find(ALICE)).contains(Secret.of(PASSWORD));
        assertThat(web.contentPasswords.find(EmailAddress.parse("bob@example.com"))).isEmpty();
        AuditEvent event = web.auditEvents().get(0);
        assertThat(event.action()).isEqualTo("contentPassword.set");
        assertThat(event.actor()).isEqualTo(web.keyOf("alice"));
        assertThat(event.subject()).isEqualTo("alice@example.com");
        assertThat(everything(web.auditEvents())).doesNotContain(PASSWORD);

        String page = web.run(web.keysServlet(), web.get("alice", Screen.KEYS).param("passwordSet", "true")).body();
        assertThat(page).contains("Your password for protected files was set.")
                .contains("You have set a password for protected files.").contains("removePassword")
                .doesNotContain(PASSWORD);
    }

    @Test
    void aTooShortPasswordIsRefusedWithAFieldErrorAndNotShownBack() {
        FakeHttp.Response response = set("alice", "short pw 11", "short pw 11");

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).containsPattern("name=\"password\"[^>]*>\\s*<div class=\"description\">[^<]*</div>"
                        + "\\s*<div class=\"error\">The password must have at least 12 characters.</div>")
                .doesNotContain("short pw 11");
        assertThat(web.contentPasswords.find(ALICE)).isEmpty();
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void twoDifferentPasswordsAreRefusedWithAFieldErrorOnTheRepetition() {
        FakeHttp.Response response = set("alice", PASSWORD, PASSWORD + "x");

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).containsPattern("name=\"confirm\"[^>]*>\\s*"
                        + "<div class=\"error\">The two passwords are not the same.</div>")
                .doesNotContain(PASSWORD);
        assertThat(web.contentPasswords.find(ALICE)).isEmpty();
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void aUserRemovesTheirPasswordAndOnlyTheirs() {
        web.contentPasswords.set(ALICE, Secret.of(PASSWORD));
        web.contentPasswords.set(EmailAddress.parse("bob@example.com"), Secret.of("bob's password 1"));

        FakeHttp.Response response = web.run(web.keysServlet(), web.post("alice", Screen.KEYS)
                .param("operation", "removePassword"));

        assertThat(response.redirect).endsWith("/mailseal/keys?passwordRemoved=true");
        assertThat(web.contentPasswords.find(ALICE)).isEmpty();
        assertThat(web.contentPasswords.find(EmailAddress.parse("bob@example.com"))).isPresent();
        assertThat(web.auditEvents().get(0).action()).isEqualTo("contentPassword.removed");
        assertThat(web.auditEvents().get(0).subject()).isEqualTo("alice@example.com");
    }

    @Test
    void changesWithoutAValidTokenOrByGetAreRefused() {
        web.contentPasswords.set(ALICE, Secret.of(PASSWORD));

        FakeHttp.Response forgedSet = web.run(web.keysServlet(), web.post("alice", Screen.KEYS)
                .param("operation", "setPassword").param("password", "an attacker's pw")
                .param("confirm", "an attacker's pw").param("atl_token", "forged"));
        FakeHttp.Response forgedRemove = web.run(web.keysServlet(), web.post("alice", Screen.KEYS)
                .param("operation", "removePassword").param("atl_token", "forged"));
        FakeHttp.Response get = web.run(web.keysServlet(), web.get("alice", Screen.KEYS)
                .param("operation", "removePassword").param("atl_token", WebFixture.TOKEN));

        assertThat(forgedSet.status).isEqualTo(403);
        assertThat(forgedRemove.status).isEqualTo(403);
        assertThat(get.status).isEqualTo(200);
        assertThat(web.contentPasswords.find(ALICE)).contains(Secret.of(PASSWORD));
        assertThat(web.auditEvents()).isEmpty();
    }
}
