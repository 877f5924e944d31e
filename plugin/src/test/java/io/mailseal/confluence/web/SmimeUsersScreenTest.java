package io.mailseal.confluence.web;

import static io.mailseal.confluence.web.WebFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.IssuingCa;
import io.mailseal.confluence.jobs.UseSettings;
import io.mailseal.confluence.jobs.UseSyncJob;
import io.mailseal.keys.EmailAddress;
import io.mailseal.store.AuditEvent;
import io.mailseal.store.SmimeUser;
import io.mailseal.store.SyncRun;
import io.mailseal.use.sync.WatchDog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "S/MIME users" screen (the WatchDog stand-alone): list, search and pages, add with per-field problems, remove,
 * and the all-or-nothing CSV import, each change audited; and the list alone driving certificate creation once a CA is
 * set up and the WatchDog runs unchained.
 */
class SmimeUsersScreenTest {

    private static final EmailAddress SUPPORT = EmailAddress.parse("support@company.com");

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

    private List<SmimeUser> listed() {
        return web.syncStores.smimeUsers().users();
    }

    private FakeHttp.Response importCsv(String csv, boolean replace) {
        Map<String, Object> parts = new java.util.LinkedHashMap<>();
        parts.put("operation", "import");
        if (replace) {
            parts.put("replace", "true");
        }
        parts.put("file", new Object[] {"users.csv", csv.getBytes(StandardCharsets.UTF_8)});
        return web.run(web.smimeUsersServlet(), web.multipart(ADMIN, Screen.SMIME_USERS, parts));
    }

    @Test
    void theUseScreenLinksToTheListAndTheListPageShowsWhyItCreatesNothingYet() {
        assertThat(web.run(web.useServlet(), web.get(ADMIN, Screen.USE)).body())
                .contains("href=\"/confluence/plugins/servlet/mailseal/admin/use/smime-users\"");

        String page = web.run(web.smimeUsersServlet(), web.get(ADMIN, Screen.SMIME_USERS)).body();

        assertThat(page).contains("<h2>S/MIME users</h2>", "No entries.", "No certificate authority is set up")
                .containsPattern("aui-nav-selected\"><a href=\"[^\"]*/mailseal/admin/use\">USE sync");
    }

    @Test
    void anEntryIsAddedThenUpdatedThenRemovedEachAudited() {
        FakeHttp.Response added = web.run(web.smimeUsersServlet(), web.post(ADMIN, Screen.SMIME_USERS)
                .param("operation", "add").param("address", "John.Doe@Company.com").param("name", "John Doe")
                .param("givenName", "John").param("surname", "Doe"));

        assertThat(added.status).isEqualTo(302);
        assertThat(added.redirect).contains("/mailseal/admin/use/smime-users?done=added");
        assertThat(listed()).singleElement().satisfies(user -> {
            assertThat(user.name()).isEqualTo("John Doe");
            assertThat(user.givenName()).contains("John");
            assertThat(user.team()).isFalse();
            assertThat(user.updated()).isEqualTo(web.clock.instant());
        });

        assertThat(web.run(web.smimeUsersServlet(), web.post(ADMIN, Screen.SMIME_USERS).param("operation", "add")
                .param("address", "john.doe@company.com").param("name", "Legal").param("team", "true")).redirect)
                .contains("done=updated");
        assertThat(listed()).singleElement().satisfies(user -> assertThat(user.team()).isTrue());

        assertThat(web.run(web.smimeUsersServlet(), web.post(ADMIN, Screen.SMIME_USERS)
                .param("operation", "remove").param("address", "john.doe@company.com")).redirect)
                .contains("done=removed");
        assertThat(listed()).isEmpty();
        assertThat(web.auditEvents()).extracting(AuditEvent::action)
                .containsExactly("smimeUsers.removed", "smimeUsers.updated", "smimeUsers.added");
        assertThat(web.auditEvents()).extracting(AuditEvent::detail).containsExactly("S/MIME users: 1 removed",
                "S/MIME users: 1 updated (team)", "S/MIME users: 1 added");
    }

    @Test
    void aBadEntryNamesEachFieldKeepsWhatWasTypedAndSavesNothing() {
        FakeHttp.Response response = web.run(web.smimeUsersServlet(), web.post(ADMIN, Screen.SMIME_USERS)
                .param("operation", "add").param("address", "<b>nobody</b>").param("name", " ")
                .param("team", "true").param("givenName", "Ann").param("surname", "Lee"));

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).contains("The entry was not saved:",
                        "Address: &quot;&lt;b&gt;nobody&lt;/b&gt;&quot; is not an e-mail address",
                        "Name: is required (the full name, or the team&#39;s name)",
                        "Given name: a team entry has no given name and surname",
                        "value=\"&lt;b&gt;nobody&lt;/b&gt;\"", "value=\"Ann\"")
                .doesNotContain("<b>nobody</b>");
        assertThat(listed()).isEmpty();
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void aCsvWithABadLineChangesNothingAndNamesEveryLineAndField() {
        web.syncStores.smimeUsers().put(new SmimeUser(SUPPORT, "Support", true, Optional.empty(), Optional.empty(),
                web.clock.instant()));

        FakeHttp.Response response = importCsv("""
                address,name,team,given name,surname
                jane@company.com,Jane Roe,0,Jane,Roe
                bad-address,Someone,0
                legal@company.com,Legal,2
                """, true);

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).contains("Nothing was changed: users.csv has 2 problems.",
                "Line 3, Address: &quot;bad-address&quot; is not an e-mail address",
                "Line 4, Team certificate: must be 1 or 0 (yes/no, true/false), not &quot;2&quot;");
        assertThat(listed()).extracting(SmimeUser::address).containsExactly(SUPPORT);
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void aGoodCsvAddsAndUpdatesEveryEntryAndReplaceRemovesTheRest() {
        web.syncStores.smimeUsers().put(new SmimeUser(SUPPORT, "Support", true, Optional.empty(), Optional.empty(),
                web.clock.instant()));
        web.syncStores.smimeUsers().put(new SmimeUser(EmailAddress.parse("old@company.com"), "Old", false,
                Optional.empty(), Optional.empty(), web.clock.instant()));

        FakeHttp.Response merged = importCsv("""
                jane@company.com,Jane Roe,0,Jane,Roe
                support@company.com,Support Desk,1
                """, false);

        assertThat(merged.status).isEqualTo(302);
        assertThat(merged.redirect).contains("done=imported&count=2&removed=0");
        assertThat(listed()).extracting(SmimeUser::name).containsExactly("Jane Roe", "Old", "Support Desk");

        FakeHttp.Response replaced = importCsv("jane@company.com,Jane Roe,0,Jane,Roe\n", true);

        assertThat(replaced.redirect).contains("done=imported&count=1&removed=2");
        assertThat(listed()).extracting(SmimeUser::name).containsExactly("Jane Roe");
        assertThat(web.auditEvents()).extracting(AuditEvent::detail).first().asString()
                .startsWith("imported 1 added or updated, 2 removed (whole list replaced)");
        FakeHttp.Request shown = web.get(ADMIN, Screen.SMIME_USERS);
        shown.query.put("done", "imported");
        shown.query.put("count", "1");
        shown.query.put("removed", "2");
        assertThat(web.run(web.smimeUsersServlet(), shown).body())
                .contains("Imported: 1 entries added or updated, 2 removed.");
    }

    @Test
    void theListIsSearchedByAddressAndShownAPageAtATime() {
        for (int i = 0; i < 120; i++) {
            web.syncStores.smimeUsers().put(new SmimeUser(EmailAddress.parse(String.format("user%03d@company.com",
                    i)), "User " + i, false, Optional.empty(), Optional.empty(), web.clock.instant()));
        }
        web.syncStores.smimeUsers().put(new SmimeUser(SUPPORT, "Support", true, Optional.empty(), Optional.empty(),
                web.clock.instant()));

        FakeHttp.Request third = web.get(ADMIN, Screen.SMIME_USERS);
        third.query.put("q", "USER");
        third.query.put("page", "3");
        String page = web.run(web.smimeUsersServlet(), third).body();

        assertThat(page).contains("Page 3 of 3; 120 entries match.", "user100@company.com", "user119@company.com")
                .doesNotContain("user099@company.com").doesNotContain("support@company.com")
                .contains("Previous page").doesNotContain("Next page");
        FakeHttp.Request search = web.get(ADMIN, Screen.SMIME_USERS);
        search.query.put("q", "support");
        assertThat(web.run(web.smimeUsersServlet(), search).body()).contains("Page 1 of 1; 1 entries match.",
                "support@company.com");
    }

    @Test
    void withACaAndTheWatchDogUnchainedTheListAloneDrivesCertificateCreation() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
                new com.icegreen.greenmail.util.ServerSetup(port, "127.0.0.1", "smtp"));
        smtp.start();
        try {
            web.mailServers.create(new io.mailseal.testkit.confluence.AtlassianSmtpMailServer("127.0.0.1", port,
                    "wiki@company.com"));
            listDrivesCreation();
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        } finally {
            smtp.stop();
        }
    }

    private void listDrivesCreation() {
        web.managedCa.install(IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null,
                web.clock.instant(), web.crypto));
        web.useSettings.save(UseSettings.defaults().withWatchdog(new UseSettings.Watchdog(true,
                WatchDog.Chaining.UNCHAINED)).withReportTo(List.of(EmailAddress.parse("admin@company.com"))))
                .orElseThrow();
        assertThat(web.run(web.smimeUsersServlet(), web.get(ADMIN, Screen.SMIME_USERS)).body())
                .contains("this list alone drives certificate creation");

        importCsv("support@company.com,Support,1\n", false);
        SyncRun run = ((UseSyncJob.Outcome.Ran) web.watchDog.runOnce(() -> false)).run();

        assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED);
        assertThat(web.managedCa.authority().orElseThrow().live()).singleElement()
                .satisfies(certificate -> assertThat(certificate.address()).isEqualTo(SUPPORT));
    }
}
