package io.mailseal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.confluence.setup.bandana.ConfluenceBandanaContext;
import io.mailseal.sandbox.demo.DemoContent;
import io.mailseal.sandbox.fixture.FixturePlugin;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox stopped and started again on the same data directory keeps its state: Bandana values (Mailseal's
 * settings among them), a plugin's Active Objects rows, the pages and the mailbox.
 */
class SandboxRestartTest {

    @TempDir
    Path work;

    @Test
    void restartKeepsBandanaActiveObjectsPagesAndMail() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        SandboxConfig config = SandboxConfig.defaults().withPort(0).withDataDir(work.resolve("data"))
                .withExtraPlugins(List.of(FixturePlugin.jar(plugins)));
        String settings;
        try (Sandbox first = Sandbox.start(config)) {
            settings = (String) first.bandana().getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT,
                    DemoContent.SETTINGS_KEY);
            first.bandana().setValue(new ConfluenceBandanaContext("DEMO"), "some.key", "kept");
            Browser alice = new Browser(first.baseUrl());
            alice.login("alice", "alice");
            assertThat(alice.post("/plugins/servlet/fixture/notes", Map.of("text", "a note in AO")).body())
                    .startsWith("saved ");
            String token = alice.token("/pages/1/edit");
            alice.post("/pages/1", Map.of("atl_token", token, "title", "Renamed before the restart", "body", "b"));
            assertThat(first.mailbox().messages()).hasSize(3);
        }

        try (Sandbox second = Sandbox.start(config)) {
            Browser alice = new Browser(second.baseUrl());
            alice.login("alice", "alice");
            HttpResponse<String> notes = alice.get("/plugins/servlet/fixture/notes");

            assertThat(settings).contains("\"keyServer\"").contains("smime-keystore.p7b");
            assertThat(second.bandana().getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, DemoContent.SETTINGS_KEY))
                    .isEqualTo(settings);
            assertThat(second.bandana().getValue(new ConfluenceBandanaContext("DEMO"), "some.key")).isEqualTo("kept");
            assertThat(notes.body()).isEqualTo("a note in AO");
            assertThat(alice.get("/pages").body()).contains("Renamed before the restart");
            assertThat(second.mailbox().messages()).hasSize(3);
        }
    }
}
