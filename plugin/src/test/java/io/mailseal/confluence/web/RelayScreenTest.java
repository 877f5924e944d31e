package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.settings.Secret;
import io.mailseal.settings.Settings;
import io.mailseal.store.AuditEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay mode screen: validation by field, the write-only upstream password, the secret shown once. */
class RelayScreenTest {

    private static final String ADMIN = WebFixture.ADMIN;
    private static final Pattern SHOWN_SECRET = Pattern.compile("mailseal-relay-secret[\\s\\S]*?<code>([^<]+)</code>");

    @TempDir
    Path home;
    private WebFixture web;
    private int port;

    @BeforeEach
    void setUp() throws Exception {
        web = new WebFixture(home);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    private FakeHttp.Request relayForm(boolean enabled, String host, String password) {
        return web.post(ADMIN, Screen.RELAY).param("relay.enabled", enabled ? "true" : "")
                .param("relay.port", String.valueOf(port)).param("relay.upstream.host", host)
                .param("relay.upstream.port", "587").param("relay.upstream.security", "STARTTLS")
                .param("relay.upstream.user", "wiki").param("relay.upstream.password", password);
    }

    @Test
    void turningRelayModeOnShowsTheGeneratedSecretOnceAndTheRelayListens() throws Exception {
        FakeHttp.Response saved = web.run(web.relayServlet(), relayForm(true, "smtp.example.com", "up-secret-3"));

        assertThat(saved.status).isEqualTo(200);
        Matcher shown = SHOWN_SECRET.matcher(saved.body());
        assertThat(shown.find()).isTrue();
        Settings.Relay relay = web.stored().relay();
        assertThat(relay.enabled()).isTrue();
        assertThat(relay.secret()).isEqualTo(Secret.of(shown.group(1)));
        assertThat(relay.upstreamPassword()).isEqualTo(Secret.of("up-secret-3"));
        assertThat(saved.body()).doesNotContain("up-secret-3")
                .contains("port " + port + ", no TLS, user name &quot;mailseal&quot;");
        assertThat(web.auditEvents()).extracting(AuditEvent::action)
                .containsExactly("relay.secretGenerated", "settings.saved");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                     StandardCharsets.US_ASCII))) {
            assertThat(in.readLine()).startsWith("220");
        }

        String later = web.run(web.relayServlet(), web.get(ADMIN, Screen.RELAY)).body();
        assertThat(later).doesNotContain(shown.group(1)).doesNotContain("up-secret-3")
                .contains("A relay secret is stored");
    }

    @Test
    void anEmptyPasswordKeepsTheStoredOneAndRegeneratingReplacesTheSecret() {
        web.run(web.relayServlet(), relayForm(false, "smtp.example.com", "up-secret-3"));
        web.run(web.relayServlet(), relayForm(false, "smtp.example.com", ""));
        assertThat(web.stored().relay().upstreamPassword()).isEqualTo(Secret.of("up-secret-3"));
        assertThat(web.stored().relay().secret().isEmpty()).isTrue();

        FakeHttp.Response first = web.run(web.relayServlet(), web.post(ADMIN, Screen.RELAY)
                .param("operation", "regenerate"));
        Secret firstSecret = web.stored().relay().secret();
        FakeHttp.Response second = web.run(web.relayServlet(), web.post(ADMIN, Screen.RELAY)
                .param("operation", "regenerate"));

        assertThat(first.body()).contains("<code>" + firstSecret.reveal() + "</code>");
        assertThat(web.stored().relay().secret()).isNotEqualTo(firstSecret);
        assertThat(second.body()).contains("<code>" + web.stored().relay().secret().reveal() + "</code>");
        assertThat(web.stored().relay().enabled()).isFalse();
    }

    @Test
    void aBadFormNamesEachFieldAndChangesNothing() {
        web.run(web.relayServlet(), relayForm(false, "smtp.example.com", "up-secret-3"));
        Settings before = web.stored();

        FakeHttp.Response response = web.run(web.relayServlet(), relayForm(true, "", "typed-7")
                .param("relay.port", "80"));

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).contains("relay.upstream.host: is required when the relay is enabled")
                .contains("relay.port: must be between 1024 and 65535").doesNotContain("typed-7");
        assertThat(web.stored()).isEqualTo(before);
    }

    @Test
    void aForgedRegenerateChangesNothing() {
        web.run(web.relayServlet(), web.post(ADMIN, Screen.RELAY).param("operation", "regenerate"));
        Secret before = web.stored().relay().secret();
        FakeHttp.Request forged = web.post(ADMIN, Screen.RELAY).param("operation", "regenerate");
        forged.param("atl_token", "forged");

        FakeHttp.Response response = web.run(web.relayServlet(), forged);

        assertThat(response.status).isEqualTo(403);
        assertThat(web.stored().relay().secret()).isEqualTo(before);
        assertThat(response.body()).doesNotContain(before.reveal());
    }

    @Test
    void savingAnotherScreenKeepsRelayMode() {
        web.run(web.relayServlet(), relayForm(true, "smtp.example.com", "up-secret-3"));
        Settings.Relay relay = web.stored().relay();

        FakeHttp.Request encryption = web.post(ADMIN, Screen.SETTINGS);
        SettingsForm.ENCRYPTION.values(web.stored()).forEach(encryption::param);
        FakeHttp.Request sources = web.post(ADMIN, Screen.SOURCES);
        SettingsForm.SOURCES.values(web.stored()).forEach(sources::param);
        assertThat(web.run(web.settingsServlet(), encryption.param("encryption.typePriority", "PGP_PREFERRED"))
                .redirect).endsWith("?saved=true");
        assertThat(web.run(web.sourcesServlet(), sources).redirect).endsWith("?saved=true");

        assertThat(web.stored().encryption().typePriority()).isEqualTo("PGP_PREFERRED");
        assertThat(web.stored().relay()).isEqualTo(relay);
    }
}
