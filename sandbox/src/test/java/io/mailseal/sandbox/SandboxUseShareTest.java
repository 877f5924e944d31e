package io.mailseal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.sandbox.demo.UseShare;
import io.mailseal.sandbox.mail.MailKind;
import io.mailseal.sandbox.mail.StoredMail;
import io.mailseal.use.sftp.JschSftpShare;
import io.mailseal.use.sftp.ShareResult;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the docs tell an evaluator to do with the sandbox's SFTP share, done over HTTP against the real plugin: enter
 * the share on the USE sync screen, test the connection, accept the host key, copy the example into
 * {@code import/}, run now; the report comes to {@code return/} and, S/MIME encrypted by Mailseal's mail hook, to
 * alice (who has a certificate) in the mailbox; dave's new managed key is on Verify and encrypts his next notification.
 */
class SandboxUseShareTest {

    private static final String USE_SCREEN = "/plugins/servlet/mailseal/admin/use";

    @TempDir
    Path work;

    @Test
    void theExampleRunsThroughTheUseSyncScreenAgainstTheSandboxShareAndTheShareStopsWithTheSandbox() throws Exception {
        int sharePort;
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withPort(0).withDataDir(work.resolve("data")))) {
            UseShare share = sandbox.useShare();
            sharePort = share.port();
            Browser admin = new Browser(sandbox.baseUrl());
            admin.login("admin", "admin");
            String sudo = admin.token("/authenticate.action?destination=%2Fadmin");
            admin.post("/authenticate.action", Map.of("atl_token", sudo, "password", "admin", "destination",
                    "/admin"));
            String token = admin.token(USE_SCREEN);

            HttpResponse<String> saved = admin.post(USE_SCREEN, settingsForm(token, share));
            HttpResponse<String> tested = admin.post(USE_SCREEN, Map.of("atl_token", token, "operation", "test"));
            HttpResponse<String> accepted = admin.post(USE_SCREEN, Map.of("atl_token", token, "operation", "accept",
                    "fingerprint", share.fingerprint()));
            Files.copy(share.examples().resolve(UseShare.EXAMPLE_USE_IMPORT),
                    share.root().resolve("import").resolve(UseShare.EXAMPLE_USE_IMPORT));
            HttpResponse<String> run = admin.post(USE_SCREEN, Map.of("atl_token", token, "operation", "run"));

            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
            assertThat(tested.body()).contains(share.fingerprint());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(302);
            assertThat(run.statusCode()).as(run.body()).isEqualTo(302);
            assertThat(Browser.location(run)).contains("done=started");
            assertThat(sandbox.mailbox().awaitCount(1, 60_000)).isTrue();
            Optional<Path> report = awaitReport(share.root().resolve("return"), 30);
            assertThat(report).isPresent();
            assertThat(Files.readString(report.orElseThrow())).contains("(+)").contains("dave@example.com")
                    .contains("sandbox-demo");
            List<StoredMail> mail = sandbox.mailbox().messages();
            assertThat(mail).anySatisfy(m -> {
                assertThat(m.recipients()).containsExactly("alice@example.com");
                assertThat(m.subject()).contains("sandbox-demo");
                assertThat(m.kind()).isEqualTo(MailKind.SMIME_ENCRYPTED);
            });
            assertThat(share.root().resolve("import").resolve(UseShare.EXAMPLE_USE_IMPORT)).doesNotExist();
            assertThat(admin.get("/plugins/servlet/mailseal/admin/verify?address=dave%40example.com").body())
                    .contains("Dave Davis (made by the sandbox USE demo) &lt;dave@example.com&gt;");

            int before = sandbox.mailbox().messages().size();
            Browser alice = new Browser(sandbox.baseUrl());
            alice.login("alice", "alice");
            alice.post("/pages/1", Map.of("atl_token", alice.token("/pages/1/edit"), "title", "Project Falcon",
                    "body", "Launch on 1 April."));
            List<StoredMail> arrived = sandbox.mailbox().messages().subList(0,
                    sandbox.mailbox().messages().size() - before);
            assertThat(arrived).filteredOn(m -> m.recipients().contains("dave@example.com"))
                    .as("dave's notification, with his new managed key").extracting(StoredMail::kind)
                    .containsExactly(MailKind.PGP_ENCRYPTED);
        }

        assertThat(JschSftpShare.probeHostKey("127.0.0.1", sharePort, Duration.ofSeconds(5)))
                .as("the share stops with the sandbox").isInstanceOf(ShareResult.Failed.class);
    }

    private static Map<String, String> settingsForm(String token, UseShare share) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("atl_token", token);
        form.put("operation", "save");
        form.put("host", share.host());
        form.put("port", String.valueOf(share.port()));
        form.put("user", UseShare.USER);
        form.put("password", UseShare.PASSWORD);
        form.put("importDirectory", "/import");
        form.put("publicKeyDirectory", "/keys/public");
        form.put("privateKeyDirectory", "/keys/private");
        form.put("returnDirectory", "/return");
        form.put("intervalMinutes", "15");
        form.put("smimeMode", "AUTOMATIC");
        form.put("maxLive", "1000");
        form.put("renewalBufferHours", "48");
        form.put("watchdogMode", "CHAINED");
        form.put("keyType", "RSA");
        form.put("rsaBits", "4096");
        form.put("validityYears", "1");
        form.put("reportTo", "alice@example.com");
        form.put("reportFrom", "");
        return form;
    }

    /** Waits, on file system events rather than a sleep, for the run's report in the share's return directory. */
    private static Optional<Path> awaitReport(Path directory, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            directory.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (true) {
                try (Stream<Path> files = Files.list(directory)) {
                    Optional<Path> report = files.filter(p -> p.getFileName().toString().endsWith("-report.txt"))
                            .findFirst();
                    if (report.isPresent()) {
                        return report;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                var key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }
}
