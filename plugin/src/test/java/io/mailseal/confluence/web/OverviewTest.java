package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.settings.Settings;
import io.mailseal.store.AuditEvent;
import io.mailseal.testkit.identities.TestIdentities;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key overview: computed in the background on request, never while showing the page. */
class OverviewTest {

    private static final String ADMIN = WebFixture.ADMIN;

    @TempDir
    Path home;
    private WebFixture web;

    @BeforeEach
    void setUp() {
        web = new WebFixture(home);
        Path keyStore = TestIdentities.copyTo(home, "smime-keystore.p7b");
        Settings defaults = Settings.defaults();
        web.settings.save(defaults.withKeySources(new Settings.Smime(keyStore.toString(), false, null, false),
                defaults.pgp()));
        web.confluenceUsers.add("alice", "alice@example.com", 1, true).add("dave", "dave@example.com", 1, true)
                .add("erin", "", 1, true).add("gone", "gone@example.com", 1, false);
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    @Test
    void showingThePageComputesNothingAndComputeRunsInTheBackground() {
        String before = web.run(web.overviewServlet(), web.get(ADMIN, Screen.OVERVIEW)).body();
        assertThat(before).contains("Not computed since Confluence started");
        assertThat(web.background).isEmpty();

        FakeHttp.Response started = web.run(web.overviewServlet(), web.post(ADMIN, Screen.OVERVIEW)
                .param("operation", "compute"));
        assertThat(started.redirect).endsWith("/admin/overview?started=true");
        assertThat(web.background).hasSize(1);
        String running = web.run(web.overviewServlet(), web.get(ADMIN, Screen.OVERVIEW)).body();
        assertThat(running).contains("Computing: 0 of 0 users").doesNotContain("Compute now");
        web.run(web.overviewServlet(), web.post(ADMIN, Screen.OVERVIEW).param("operation", "compute"));
        assertThat(web.background).as("one computation at a time").hasSize(1);

        web.background.remove(0).run();
        String page = web.run(web.overviewServlet(), web.get(ADMIN, Screen.OVERVIEW)).body();

        assertThat(page).contains("Computed at <span>2025-06-01T00:00:00Z")
                .contains("3 active users looked at: 1 have a usable key, 1 have no usable e-mail address.")
                .containsPattern("<h3>S/MIME</h3>\\s*<p>1 of 3 users")
                .containsPattern("<th>Key store file</th><td class=\"mailseal-bar-cell\"><div class=\"mailseal-bar\" "
                        + "style=\"width: 33%\"></div></td><td>1</td>")
                .containsPattern("<th>No usable key</th>[^\\n]*width: 33%[^\\n]*<td>1</td>");
        assertThat(web.auditEvents()).extracting(AuditEvent::action).containsExactly("overview.computed");
    }

    @Test
    void keysThatWouldBeUsedAndExpireWithinThirtyDaysAreListed() {
        Instant aliceExpires = TestIdentities.certificate("alice").getNotAfter().toInstant();
        web.clock.advance(Duration.between(web.clock.instant(), aliceExpires.minus(Duration.ofDays(10))));

        web.run(web.overviewServlet(), web.post(ADMIN, Screen.OVERVIEW).param("operation", "compute"));
        web.background.remove(0).run();
        String page = web.run(web.overviewServlet(), web.get(ADMIN, Screen.OVERVIEW)).body();

        assertThat(page).containsPattern("mailseal-expiring[\\s\\S]*<td>alice</td><td>alice@example.com</td>"
                + "<td>S/MIME</td><td>Key store file</td><td>" + TestIdentities.property("alice.smime.serial")
                + "</td><td>" + aliceExpires + "</td>");
    }

    @Test
    void withoutTheTokenNothingIsComputed() {
        FakeHttp.Request forged = web.post(ADMIN, Screen.OVERVIEW).param("operation", "compute");
        forged.param("atl_token", "forged");

        assertThat(web.run(web.overviewServlet(), forged).status).isEqualTo(403);
        assertThat(web.run(web.overviewServlet(), web.get("alice", Screen.OVERVIEW)).status).isEqualTo(403);
        assertThat(web.background).isEmpty();
    }
}
