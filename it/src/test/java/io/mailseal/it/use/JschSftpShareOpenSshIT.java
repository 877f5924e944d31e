package io.mailseal.it.use;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.settings.Secret;
import io.mailseal.testkit.ssh.OpenSshSftpServer;
import io.mailseal.use.sftp.JschSftpShare;
import io.mailseal.use.sftp.ShareFile;
import io.mailseal.use.sftp.ShareResult;
import io.mailseal.use.sftp.SftpSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The USE import share against Debian's OpenSSH sshd (SFTP only, public-key login, pinned ed25519 host key), with
 * JSch as the client: the real server admins run.
 */
class JschSftpShareOpenSshIT {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    @TempDir
    static Path dir;

    private static OpenSshSftpServer sshd;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(OpenSshSftpServer.installed(), "sshd is not installed (Debian package openssh-server)");
        sshd = OpenSshSftpServer.start(dir.resolve("sshd"));
        Files.createDirectories(sshd.data().resolve("import"));
        Files.createDirectories(sshd.data().resolve("return"));
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static SftpSettings settings(String hostKey) {
        return SftpSettings.withPassword(sshd.host(), sshd.user(), Secret.empty(), hostKey).withPort(sshd.port())
                .withPrivateKey(sshd.clientPrivateKey(), Secret.empty());
    }

    private static JschSftpShare.Connection connect() {
        ShareResult<JschSftpShare.Connection> connected = new JschSftpShare(settings(sshd.hostKeyFingerprint()))
                .connect();
        assertThat(connected).isInstanceOf(ShareResult.Done.class);
        return ((ShareResult.Done<JschSftpShare.Connection>) connected).value();
    }

    @Test
    void theProbeShowsTheFingerprintOfSshdsHostKey() {
        ShareResult<String> probe = JschSftpShare.probeHostKey(sshd.host(), sshd.port(), Duration.ofSeconds(5));

        assertThat(probe).isEqualTo(new ShareResult.Done<>(sshd.hostKeyFingerprint()));
    }

    @Test
    void importFilesAreListedReadAndDeletedAndReportsUploadedWhole() throws Exception {
        Files.writeString(sshd.data().resolve("import/users.useimport"), "group:a@example.com;legal\r\n#####\r\n");

        try (JschSftpShare.Connection share = connect()) {
            ShareResult<List<ShareFile>> listed = share.list("import");
            assertThat(((ShareResult.Done<List<ShareFile>>) listed).value()).extracting(ShareFile::name)
                    .containsExactly("users.useimport");
            ShareResult<byte[]> read = share.read("import", "users.useimport");
            assertThat(new String(((ShareResult.Done<byte[]>) read).value(), StandardCharsets.UTF_8))
                    .isEqualTo("group:a@example.com;legal\r\n#####\r\n");
            assertThat(share.upload("return", "report.txt", "(+) created".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(ShareResult.Done.class);
            assertThat(share.delete("import", "users.useimport")).isInstanceOf(ShareResult.Done.class);
        }

        assertThat(sshd.data().resolve("import/users.useimport")).doesNotExist();
        assertThat(Files.readString(sshd.data().resolve("return/report.txt"))).isEqualTo("(+) created");
        try (var left = Files.list(sshd.data().resolve("return"))) {
            assertThat(left.map(p -> p.getFileName().toString())).doesNotContain("report.txt.part")
                    .allMatch(name -> !name.startsWith("."));
        }
    }

    @Test
    void returnsOlderThanTheRetentionArePurgedAndNewerOnesKept() throws Exception {
        Path old = sshd.data().resolve("return/old.zip");
        Path recent = sshd.data().resolve("return/recent.zip");
        Files.writeString(old, "old");
        Files.setLastModifiedTime(old, FileTime.from(NOW.minus(Duration.ofDays(31))));
        Files.writeString(recent, "new");
        Files.setLastModifiedTime(recent, FileTime.from(NOW.minus(Duration.ofDays(29))));

        try (JschSftpShare.Connection share = connect()) {
            ShareResult<List<String>> purged = share.purgeOlderThan("return", Duration.ofDays(30),
                    Clock.fixed(NOW, ZoneOffset.UTC));

            assertThat(purged).isEqualTo(new ShareResult.Done<>(List.of("old.zip")));
        }
        assertThat(old).doesNotExist();
        assertThat(recent).exists();
    }

    @Test
    void aHostKeyOtherThanTheAcceptedOneIsRefused() {
        ShareResult<JschSftpShare.Connection> connected = new JschSftpShare(settings("SHA256:" + "A".repeat(43)))
                .connect();

        assertThat(connected).isInstanceOf(ShareResult.Failed.class);
        assertThat(((ShareResult.Failed<JschSftpShare.Connection>) connected).reason())
                .contains(sshd.hostKeyFingerprint());
    }
}
