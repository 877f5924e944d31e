package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may open the admin screens, and that changes need a POST with a valid token. */
class AdminAccessTest {

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

    private List<Supplier<HttpServlet>> adminScreens() {
        return List.of(web::settingsServlet, web::sourcesServlet, web::verifyServlet, web::statusServlet,
                web::auditServlet, web::transferServlet, web::useServlet, web::caServlet, web::caArchiveServlet,
                web::smimeUsersServlet);
    }

    private static final List<Screen> SCREENS = List.of(Screen.SETTINGS, Screen.SOURCES, Screen.VERIFY,
            Screen.STATUS, Screen.AUDIT, Screen.TRANSFER, Screen.USE, Screen.CA, Screen.CA_ARCHIVE,
            Screen.SMIME_USERS);

    @Test
    void anonymousUsersAreSentToTheLoginPageWithTheWayBack() {
        for (int i = 0; i < SCREENS.size(); i++) {
            FakeHttp.Response response = web.run(adminScreens().get(i).get(), web.get(null, SCREENS.get(i)));

            assertThat(response.status).isEqualTo(302);
            assertThat(response.redirect).startsWith(FakeHttp.HOST + FakeHttp.CONTEXT + "/login.action?os_destination=")
                    .contains("mailseal%2Fadmin");
        }
    }

    @Test
    void usersWhoAreNotSystemAdministratorsGet403OnEveryScreenForGetAndPost() {
        for (int i = 0; i < SCREENS.size(); i++) {
            FakeHttp.Response get = web.run(adminScreens().get(i).get(), web.get("alice", SCREENS.get(i)));
            FakeHttp.Response post = web.run(adminScreens().get(i).get(), web.post("alice", SCREENS.get(i)));

            assertThat(get.status).as(SCREENS.get(i).name()).isEqualTo(403);
            assertThat(post.status).as(SCREENS.get(i).name()).isEqualTo(403);
            assertThat(get.body()).isEmpty();
        }
        assertThat(web.settings.load()).isInstanceOf(io.mailseal.store.SettingsStore.Missing.class);
    }

    @Test
    void anAdministratorWithoutWebSudoIsSentToTheWebSudoPromptAndNothingChanges() {
        web.session(WebFixture.ADMIN).attributes.remove(
                io.mailseal.testkit.confluence.InMemoryWebSudoManager.SESSION_ATTRIBUTE);

        FakeHttp.Response get = web.run(web.settingsServlet(), web.get(WebFixture.ADMIN, Screen.SETTINGS));
        FakeHttp.Response post = web.run(web.settingsServlet(), web.post(WebFixture.ADMIN, Screen.SETTINGS)
                .param("encryption.fallback", "DO_NOT_SEND").param("encryption.typePriority", "PGP_ONLY")
                .param("encryption.smime.contentEncryption", "AES_256_CBC"));

        assertThat(get.status).isEqualTo(302);
        assertThat(get.redirect).startsWith(FakeHttp.CONTEXT + "/authenticate.action?destination=")
                .contains("mailseal%2Fadmin%2Fsettings");
        assertThat(post.redirect).startsWith(FakeHttp.CONTEXT + "/authenticate.action");
        assertThat(web.settings.load()).isInstanceOf(io.mailseal.store.SettingsStore.Missing.class);
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void aSystemAdministratorInWebSudoSeesEveryScreenWithTheAdminDecorator() {
        for (int i = 0; i < SCREENS.size(); i++) {
            FakeHttp.Response response = web.run(adminScreens().get(i).get(),
                    web.get(WebFixture.ADMIN, SCREENS.get(i)));

            assertThat(response.status).as(SCREENS.get(i).name()).isEqualTo(200);
            assertThat(response.contentType).isEqualTo("text/html;charset=UTF-8");
            assertThat(response.body()).contains("<meta name=\"decorator\" content=\"atl.admin\">")
                    .contains("href=\"/confluence/plugins/servlet/mailseal/admin/audit\"");
        }
    }

    @Test
    void aPostWithoutATokenOrWithAWrongOneChangesNothing() {
        FakeHttp.Request missing = web.post(WebFixture.ADMIN, Screen.SETTINGS)
                .param("encryption.fallback", "DO_NOT_SEND");
        missing.parameters.remove("atl_token");
        FakeHttp.Request wrong = web.post(WebFixture.ADMIN, Screen.SETTINGS).param("encryption.fallback",
                "DO_NOT_SEND");
        wrong.parameters.put("atl_token", List.of("forged"));

        FakeHttp.Response first = web.run(web.settingsServlet(), missing);
        FakeHttp.Response second = web.run(web.settingsServlet(), wrong);

        assertThat(first.status).isEqualTo(403);
        assertThat(second.status).isEqualTo(403);
        assertThat(first.body()).contains("Nothing was changed");
        assertThat(web.settings.load()).isInstanceOf(io.mailseal.store.SettingsStore.Missing.class);
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void aGetWithTheFieldsOfAChangeChangesNothing() {
        FakeHttp.Request get = web.get(WebFixture.ADMIN, Screen.SETTINGS).param("atl_token", WebFixture.TOKEN)
                .param("encryption.fallback", "DO_NOT_SEND").param("encryption.typePriority", "PGP_ONLY");
        FakeHttp.Request expire = web.get(WebFixture.ADMIN, Screen.STATUS).param("atl_token", WebFixture.TOKEN)
                .param("operation", "expire").param("confirmed", "yes");

        assertThat(web.run(web.settingsServlet(), get).status).isEqualTo(200);
        assertThat(web.run(web.statusServlet(), expire).status).isEqualTo(200);

        assertThat(web.settings.load()).isInstanceOf(io.mailseal.store.SettingsStore.Missing.class);
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void otherMethodsAreNotAllowed() {
        FakeHttp.Request put = web.post(WebFixture.ADMIN, Screen.SETTINGS);
        put.method = "PUT";

        FakeHttp.Request trace = web.get(WebFixture.ADMIN, Screen.SETTINGS);
        trace.method = "TRACE";
        FakeHttp.Request traceKeys = web.get("alice", Screen.KEYS);
        traceKeys.method = "TRACE";

        assertThat(web.run(web.settingsServlet(), put).status).isEqualTo(405);
        assertThat(web.run(web.settingsServlet(), trace).status).isEqualTo(405);
        assertThat(web.run(web.keysServlet(), traceKeys).status).isEqualTo(405);
    }
}
