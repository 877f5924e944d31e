package io.mailseal.use.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.settings.Secret;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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

/** The import share against Apache MINA SSHD's SFTP server on 127.0.0.1, with JSch as the client. */
class JschSftpShareTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    @TempDir
    Path dir;

    private SshServer sshd;
    private Path root;
    private String fingerprint;
    private final AtomicInteger logins = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(dir.resolve("share"));
        Files.createDirectories(root.resolve("import"));
        Files.createDirectories(root.resolve("return"));
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("host.ser"));
        sshd.setKeyPairProvider(keys);
        sshd.setPasswordAuthenticator((user, password, session) -> {
            logins.incrementAndGet();
            return user.equals("use") && password.equals("s3cret");
        });
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

    private SftpSettings settings(String password, String hostKey) {
        return SftpSettings.withPassword("127.0.0.1", "use", Secret.of(password), hostKey).withPort(sshd.getPort());
    }

    @Test
    void theProbeShowsTheFingerprintOpenSshWouldShowWithoutLoggingIn() {
        ShareResult<String> probe = JschSftpShare.probeHostKey("127.0.0.1", sshd.getPort(), Duration.ofSeconds(5));

        assertThat(probe).isEqualTo(new ShareResult.Done<>(fingerprint));
        assertThat(logins).hasValue(0);
    }

    @Test
    void withTheAcceptedKeyFilesAreListedReadDeletedAndUploadedWhole() throws Exception {
        Files.writeString(root.resolve("import/users.useimport"), "group:a@example.com;legal\r\n#####\r\n");
        Files.createDirectories(root.resolve("import/subdir"));

        ShareResult<JschSftpShare.Connection> connected = new JschSftpShare(settings("s3cret", fingerprint)).connect();

        assertThat(connected).isInstanceOf(ShareResult.Done.class);
        try (JschSftpShare.Connection share = ((ShareResult.Done<JschSftpShare.Connection>) connected).value()) {
            ShareResult<List<ShareFile>> listed = share.list("/import");
            assertThat(((ShareResult.Done<List<ShareFile>>) listed).value()).extracting(ShareFile::name)
                    .containsExactly("users.useimport");
            ShareResult<byte[]> read = share.read("/import", "users.useimport");
            assertThat(new String(((ShareResult.Done<byte[]>) read).value(), StandardCharsets.UTF_8))
                    .startsWith("group:a@example.com;legal");
            assertThat(share.upload("/return", "report.txt", "(+) created".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(ShareResult.Done.class);
            assertThat(share.delete("/import", "users.useimport")).isInstanceOf(ShareResult.Done.class);
        }
        assertThat(root.resolve("import/users.useimport")).doesNotExist();
        assertThat(Files.readString(root.resolve("return/report.txt"))).isEqualTo("(+) created");
        try (var left = Files.list(root.resolve("return"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("report.txt");
        }
    }

    @Test
    void returnsOlderThanTheRetentionArePurged() throws Exception {
        Files.writeString(root.resolve("return/old.zip"), "old");
        Files.setLastModifiedTime(root.resolve("return/old.zip"), FileTime.from(NOW.minus(Duration.ofDays(31))));
        Files.writeString(root.resolve("return/new.zip"), "new");
        Files.setLastModifiedTime(root.resolve("return/new.zip"), FileTime.from(NOW.minus(Duration.ofDays(29))));

        try (JschSftpShare.Connection share = ((ShareResult.Done<JschSftpShare.Connection>)
                new JschSftpShare(settings("s3cret", fingerprint)).connect()).value()) {
            ShareResult<List<String>> purged = share.purgeOlderThan("/return", Duration.ofDays(30),
                    Clock.fixed(NOW, ZoneOffset.UTC));

            assertThat(purged).isEqualTo(new ShareResult.Done<>(List.of("old.zip")));
        }
        assertThat(root.resolve("return/new.zip")).exists();
    }

    @Test
    void aChangedHostKeyIsRefusedBeforeAnyLogin() {
        String other = "SHA256:" + "A".repeat(43);

        ShareResult<JschSftpShare.Connection> connected = new JschSftpShare(settings("s3cret", other)).connect();

        assertThat(connected).isInstanceOf(ShareResult.Failed.class);
        ShareResult.Failed<JschSftpShare.Connection> failed = (ShareResult.Failed<JschSftpShare.Connection>) connected;
        assertThat(failed.reason()).contains("the host key is " + fingerprint, "not the accepted " + other);
        assertThat(failed.retryable()).isFalse();
        assertThat(logins).hasValue(0);
    }

    @Test
    void withoutAnAcceptedKeyNothingConnects() {
        ShareResult<JschSftpShare.Connection> connected = new JschSftpShare(settings("s3cret", null)).connect();

        assertThat(((ShareResult.Failed<JschSftpShare.Connection>) connected).reason())
                .contains("no host key has been accepted yet");
        assertThat(logins).hasValue(0);
    }

    @Test
    void aWrongPasswordIsRefusedAndTheMessageHasNoSecret() {
        ShareResult<JschSftpShare.Connection> connected = new JschSftpShare(settings("wrong-pw", fingerprint))
                .connect();

        ShareResult.Failed<JschSftpShare.Connection> failed = (ShareResult.Failed<JschSftpShare.Connection>) connected;
        assertThat(failed.reason()).contains("the login was refused").doesNotContain("wrong-pw");
        assertThat(failed.retryable()).isFalse();
        assertThat(settings("wrong-pw", fingerprint).toString()).doesNotContain("wrong-pw");
    }

    @Test
    void aFileOverTheCapIsNotRead() throws Exception {
        Files.write(root.resolve("import/big.useimport"), new byte[4096]);
        SftpSettings small = new SftpSettings("127.0.0.1", sshd.getPort(), "use", Secret.of("s3cret"), null,
                Secret.empty(), fingerprint, Duration.ofSeconds(5), Duration.ofSeconds(5), 1024);

        try (JschSftpShare.Connection share = ((ShareResult.Done<JschSftpShare.Connection>)
                new JschSftpShare(small).connect()).value()) {
            ShareResult<byte[]> read = share.read("/import", "big.useimport");

            assertThat(((ShareResult.Failed<byte[]>) read).reason()).contains("4096 bytes, more than the 1024");
        }
    }

    @Test
    void aServerThatIsDownIsATransientFailure() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }

        ShareResult<JschSftpShare.Connection> connected = new JschSftpShare(settings("s3cret", fingerprint)
                .withPort(closed)).connect();

        assertThat(((ShareResult.Failed<JschSftpShare.Connection>) connected).retryable()).isTrue();
    }
}
