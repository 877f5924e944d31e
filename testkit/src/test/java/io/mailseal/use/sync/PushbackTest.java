package io.mailseal.use.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.settings.Secret;
import io.mailseal.testkit.ManualClock;
import io.mailseal.use.sftp.JschSftpShare;
import io.mailseal.use.sftp.SftpSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pushback the sync and the WatchDog share, through the real JSch share against an in-process SFTP server:
 * files uploaded in order, old returns purged, and every failure a value naming the directory and the reason.
 */
class PushbackTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final List<SyncReport.Attachment> FILES = List.of(
            new SyncReport.Attachment("watchdog-1-smime-report.txt", "report".getBytes(StandardCharsets.UTF_8)),
            new SyncReport.Attachment("watchdog-1-certificates.zip", new byte[] {'P', 'K', 3, 4}));

    @TempDir
    Path dir;
    private SshServer sshd;
    private Path root;
    private String fingerprint;
    private final ManualClock clock = new ManualClock(NOW);

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(dir.resolve("share").resolve("return")).getParent();
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("host.ser"));
        sshd.setKeyPairProvider(keys);
        sshd.setPasswordAuthenticator((user, password, session) -> user.equals("use") && password.equals("s3cret"));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.start();
        KeyPair host = keys.loadKeys(null).iterator().next();
        fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, host.getPublic());
    }

    @AfterEach
    void stop() throws Exception {
        sshd.stop(true);
    }

    private JschSftpShare share(String hostKey) {
        return new JschSftpShare(SftpSettings.withPassword("127.0.0.1", "use", Secret.of("s3cret"), hostKey)
                .withPort(sshd.getPort()));
    }

    private List<String> names(String directory) throws Exception {
        try (Stream<Path> files = Files.list(root.resolve(directory))) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void uploadsEveryFileAndPurgesReturnsOlderThanTheRetention() throws Exception {
        Files.writeString(root.resolve("return/old-report.txt"), "old");
        Files.setLastModifiedTime(root.resolve("return/old-report.txt"),
                FileTime.from(NOW.minus(Duration.ofDays(31))));
        Files.writeString(root.resolve("return/recent-report.txt"), "recent");
        Files.setLastModifiedTime(root.resolve("return/recent-report.txt"),
                FileTime.from(NOW.minus(Duration.ofDays(29))));

        Pushback.Result result = Pushback.push(share(fingerprint), "/return", Duration.ofDays(30), clock, FILES);

        assertThat(result).isEqualTo(new Pushback.Result.Pushed(
                List.of("watchdog-1-smime-report.txt", "watchdog-1-certificates.zip"), List.of("old-report.txt")));
        assertThat(names("return")).containsExactly("recent-report.txt", "watchdog-1-certificates.zip",
                "watchdog-1-smime-report.txt");
        assertThat(Files.readString(root.resolve("return/watchdog-1-smime-report.txt"))).isEqualTo("report");
    }

    @Test
    void aMissingReturnDirectoryIsAFailureNamingIt() {
        Pushback.Result result = Pushback.push(share(fingerprint), "/gone", Duration.ofDays(30), clock, FILES);

        assertThat(result).isInstanceOfSatisfying(Pushback.Result.Failed.class, failed ->
                assertThat(failed.reason()).startsWith("pushback to /gone failed: ").contains("/gone"));
    }

    @Test
    void aShareThatCannotBeOpenedIsAFailureWithoutTheSecret() {
        Pushback.Result result = Pushback.push(share("SHA256:not-the-host-key"), "/return", Duration.ofDays(30),
                clock, FILES);

        assertThat(result).isInstanceOfSatisfying(Pushback.Result.Failed.class, failed ->
                assertThat(failed.reason()).startsWith("pushback to /return failed: the share could not be opened: ")
                        .doesNotContain("s3cret"));
    }
}
