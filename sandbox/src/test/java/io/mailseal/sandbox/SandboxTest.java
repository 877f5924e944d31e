package io.mailseal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.sandbox.fixture.FixturePlugin;
import io.mailseal.sandbox.mail.MailKind;
import io.mailseal.sandbox.mail.StoredMail;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox started for real on a free port in a temporary data directory, with the real Mailseal plugin jar and a
 * fixture plugin, driven over HTTP.
 */
class SandboxTest {

    @TempDir
    static Path work;

    private static Sandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        sandbox = Sandbox.start(SandboxConfig.defaults().withPort(0).withDataDir(work.resolve("data"))
                .withExtraPlugins(List.of(FixturePlugin.jar(plugins))));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void startsWithTheMailHookOnItsMailServerAndAsksAnonymousUsersToLogIn() throws Exception {
        assertThat(sandbox.plugins().plugin(Sandbox.MAILSEAL_PLUGIN_KEY)).isPresent();
        assertThat(sandbox.mailServers().currentHandler()).isNotNull().extracting(h -> h.getClass().getName())
                .isEqualTo("io.mailseal.confluence.mail.MailHook");
        Browser anonymous = new Browser(sandbox.baseUrl());

        HttpResponse<String> home = anonymous.get("/");
        HttpResponse<String> login = anonymous.get("/login.action");

        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(Browser.location(home)).startsWith("/login.action?os_destination=");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("id=\"login-form\"").contains("admin / admin (system administrator)")
                .contains("dave / dave");
    }

    @Test
    void loginChecksThePasswordAgainstTheDirectoryAndKeepsTheSession() throws Exception {
        Browser alice = new Browser(sandbox.baseUrl());

        HttpResponse<String> wrong = alice.login("alice", "bob");
        HttpResponse<String> right = alice.post("/login.action",
                Map.of("os_username", "alice", "os_password", "alice", "os_destination", "/pages"));
        HttpResponse<String> home = alice.get("/");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("id=\"login-error\"");
        assertThat(right.statusCode()).isEqualTo(302);
        assertThat(Browser.location(right)).isEqualTo("/pages");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Welcome, Alice Adams").doesNotContain("nav-mailbox");
    }

    @Test
    void loginGoesOnlyToPathsOnThisServer() throws Exception {
        HttpResponse<String> login = new Browser(sandbox.baseUrl()).post("/login.action",
                Map.of("os_username", "bob", "os_password", "bob", "os_destination", "//evil.example/"));

        assertThat(Browser.location(login)).isEqualTo("/");
    }

    @Test
    void adminOnlyPagesRefuseBob() throws Exception {
        Browser bob = new Browser(sandbox.baseUrl());
        bob.login("bob", "bob");

        HttpResponse<String> mailbox = bob.get("/mailbox");
        HttpResponse<String> admin = bob.get("/admin");
        HttpResponse<String> anonymousMailbox = new Browser(sandbox.baseUrl()).get("/mailbox");

        assertThat(mailbox.statusCode()).isEqualTo(403);
        assertThat(mailbox.body()).contains("id=\"not-permitted\"").doesNotContain("id=\"mailbox\"");
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(anonymousMailbox.statusCode()).isEqualTo(302);
        assertThat(Browser.location(anonymousMailbox)).startsWith("/login.action");
    }

    @Test
    void adminPagesNeedThePasswordAgainAsConfluencesWebSudo() throws Exception {
        Browser admin = new Browser(sandbox.baseUrl());
        admin.login("admin", "admin");

        HttpResponse<String> first = admin.get("/admin");
        String token = admin.token("/authenticate.action?destination=%2Fadmin");
        HttpResponse<String> wrong = admin.post("/authenticate.action",
                Map.of("atl_token", token, "password", "wrong", "destination", "/admin"));
        HttpResponse<String> noToken = admin.post("/authenticate.action",
                Map.of("password", "admin", "destination", "/admin"));
        HttpResponse<String> right = admin.post("/authenticate.action",
                Map.of("atl_token", token, "password", "admin", "destination", "/admin"));
        HttpResponse<String> then = admin.get("/admin");

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(Browser.location(first)).isEqualTo("/authenticate.action?destination=%2Fadmin");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(right.statusCode()).isEqualTo(302);
        assertThat(Browser.location(right)).isEqualTo("/admin");
        assertThat(then.statusCode()).isEqualTo(200);
        assertThat(then.body()).contains("id=\"admin-sidebar\"").contains(Sandbox.MAILSEAL_PLUGIN_KEY)
                .contains("Fixture section").contains("id=\"fixture-admin-link\"");
    }

    @Test
    void aPageEditNotifiesEveryWatcherThroughMailsealsMailHook() throws Exception {
        int before = sandbox.mailbox().messages().size();
        Browser alice = new Browser(sandbox.baseUrl());
        alice.login("alice", "alice");
        String token = alice.token("/pages/1/edit");

        HttpResponse<String> saved = alice.post("/pages/1", Map.of("atl_token", token, "title", "Project Falcon",
                "body", "Launch on 1 April.\n\nBudget: 3 million."));
        HttpResponse<String> page = alice.get(Browser.location(saved));

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(page.body()).contains("id=\"notification-results\"").contains("bob &lt;bob@example.com&gt;: sent")
                .contains("carol &lt;carol@example.com&gt;: sent").contains("dave &lt;dave@example.com&gt;: sent");
        List<StoredMail> arrived = sandbox.mailbox().messages().subList(0,
                sandbox.mailbox().messages().size() - before);
        Map<String, MailKind> kinds = arrived.stream().collect(Collectors.toMap(m -> m.recipients().get(0),
                StoredMail::kind));
        // the seeded settings: bob's key on the HKP server, carol's certificate in the key store, dave has none
        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of("bob@example.com", MailKind.PGP_ENCRYPTED,
                "carol@example.com", MailKind.SMIME_ENCRYPTED, "dave@example.com", MailKind.PROBLEM_REPORT));
        for (StoredMail mail : arrived) {
            String raw = new String(sandbox.mailbox().raw(mail), StandardCharsets.UTF_8);
            assertThat(raw).as("nothing of the page left in clear").doesNotContain("3 million");
        }

        Browser admin = new Browser(sandbox.baseUrl());
        admin.login("admin", "admin");
        HttpResponse<String> mailbox = admin.get("/mailbox");
        StoredMail newest = sandbox.mailbox().messages().get(0);
        HttpResponse<byte[]> eml = admin.getBytes("/mailbox/" + newest.id() + ".eml");
        HttpResponse<String> source = admin.get("/mailbox/" + newest.id());

        assertThat(mailbox.statusCode()).isEqualTo(200);
        assertThat(mailbox.body()).contains("data-kind=\"PGP_ENCRYPTED\"").contains("data-kind=\"SMIME_ENCRYPTED\"")
                .contains("data-kind=\"PROBLEM_REPORT\"").contains("bob@example.com").contains("PGP encrypted")
                .contains("Team Space &gt; Project Falcon");
        assertThat(mailbox.body().indexOf("data-id=\"" + newest.id() + "\""))
                .as("newest first").isLessThan(mailbox.body().indexOf("data-id=\"" + (newest.id() - 1) + "\""));
        assertThat(eml.statusCode()).isEqualTo(200);
        assertThat(eml.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(eml.body()).isEqualTo(sandbox.mailbox().raw(newest));
        assertThat(source.body()).contains("id=\"source\"");
    }

    @Test
    void aliceGetsHerMailEncryptedWithTheCertificateFromTheLdapBehindHerUserDirectory() throws Exception {
        Browser alice = new Browser(sandbox.baseUrl());
        alice.login("alice", "alice");
        String aliceToken = alice.token("/pages/1");
        if (!alice.get("/pages/1").body().contains("value=\"Stop watching\"")) {
            alice.post("/pages/1/watch", Map.of("atl_token", aliceToken));
        }
        Browser bob = new Browser(sandbox.baseUrl());
        bob.login("bob", "bob");
        int before = sandbox.mailbox().messages().size();

        bob.post("/pages/1", Map.of("atl_token", bob.token("/pages/1/edit"), "title", "Project Falcon",
                "body", "Edited by bob."));

        List<StoredMail> arrived = sandbox.mailbox().messages().subList(0,
                sandbox.mailbox().messages().size() - before);
        assertThat(arrived).filteredOn(m -> m.recipients().contains("alice@example.com"))
                .singleElement().extracting(StoredMail::kind).isEqualTo(MailKind.SMIME_ENCRYPTED);
        assertThat(arrived).noneMatch(m -> m.recipients().contains("bob@example.com"));
        alice.post("/pages/1/watch", Map.of("atl_token", aliceToken));
    }

    @Test
    void aPostWithoutTheSessionsXsrfTokenChangesNothing() throws Exception {
        Browser carol = new Browser(sandbox.baseUrl());
        carol.login("carol", "carol");
        int mails = sandbox.mailbox().messages().size();
        String before = carol.get("/pages/1").body();

        HttpResponse<String> forged = carol.post("/pages/1", Map.of("title", "Forged", "body", "forged"));
        HttpResponse<String> wrongToken = carol.post("/pages/1",
                Map.of("atl_token", "0".repeat(40), "title", "Forged", "body", "forged"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(carol.get("/pages/1").body()).doesNotContain("Forged")
                .contains(version(before));
        assertThat(sandbox.mailbox().messages()).hasSize(mails);
    }

    @Test
    void pluginServletIsServedFromItsBundleWithSpringInjectionInTheDecoratorItAskedFor() throws Exception {
        Browser alice = new Browser(sandbox.baseUrl());
        alice.login("alice", "alice");

        HttpResponse<String> page = alice.get("/plugins/servlet/fixture/page");
        HttpResponse<String> css = alice.get("/download/resources/io.mailseal.sandbox.fixture:fixture-resources/"
                + "fixture.css");
        HttpResponse<String> anonymous = new Browser(sandbox.baseUrl()).get("/plugins/servlet/fixture/page");
        HttpResponse<String> missing = alice.get("/plugins/servlet/nothing-here");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<h1 id=\"fixture-heading\">Hello, alice!</h1>")
                .contains("<p id=\"fixture-user\">Alice Adams</p>")
                .contains("<p id=\"fixture-thread-user\">alice</p>")
                .contains("<p id=\"fixture-loader\">bundle</p>")
                .contains("<p id=\"fixture-paths\">/plugins/servlet/fixture|/page</p>")
                .contains("<p id=\"fixture-escaped\">&lt;b&gt;escaped&lt;/b&gt;</p>")
                .contains("<p id=\"fixture-raw\"><i>raw</i></p>")
                .contains("<title>Fixture page - Confluence (Mailseal sandbox)</title>")
                .contains("id=\"admin-sidebar\"")
                .contains("href=\"/download/resources/io.mailseal.sandbox.fixture:fixture-resources/fixture.css\"")
                .contains("id=\"fixture-profile-link-menu\"")
                .doesNotContain("name=\"decorator\"");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).contains("rebeccapurple");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void servesAuiAndTheSandboxStylesheet() throws Exception {
        Browser browser = new Browser(sandbox.baseUrl());

        HttpResponse<String> own = browser.get("/static/sandbox.css");
        HttpResponse<String> traversal = browser.get("/static/../Sandbox.class");

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(traversal.statusCode()).isIn(400, 404);
        if (io.mailseal.sandbox.web.StaticServlet.auiVendored()) {
            assertThat(browser.get("/static/vendor/aui/aui-prototyping.css").statusCode()).isEqualTo(200);
            assertThat(browser.get("/static/vendor/jquery/jquery.min.js").statusCode()).isEqualTo(200);
        }
    }

    private static String version(String page) {
        int at = page.indexOf("Version ");
        return page.substring(at, page.indexOf(',', at));
    }
}
