package io.mailseal.it.use;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import io.mailseal.store.SyncRun;
import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.ssh.OpenSshSftpServer;
import io.mailseal.testkit.store.InMemoryGroupStore;
import io.mailseal.testkit.store.InMemoryManagedKeyStore;
import io.mailseal.testkit.store.InMemoryRuleSetStore;
import io.mailseal.testkit.store.InMemorySyncStateStore;
import io.mailseal.use.sftp.JschSftpShare;
import io.mailseal.use.sftp.SftpSettings;
import io.mailseal.use.sync.KeyDefaults;
import io.mailseal.use.sync.KeyFileImporter;
import io.mailseal.use.sync.SyncCancellation;
import io.mailseal.use.sync.SyncExecutor;
import io.mailseal.use.sync.SyncProgress;
import io.mailseal.use.sync.SyncReport;
import io.mailseal.use.sync.SyncStores;
import io.mailseal.use.sync.UseSync;
import io.mailseal.use.sync.UseSyncSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole USE sync run against Debian's OpenSSH sshd (SFTP only, key login, pinned host key): the import file is read,
 * a PGP key made and a group set, the file deleted, the report pushed back to {@code return/} and old returns purged;
 * with another host key nothing is read or changed.
 */
class UseSyncOpenSshIT {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final EmailAddress JOHN = EmailAddress.parse("john.doe@company.com");
    private static final String USERS = """
            pgp-state:john.doe@company.com;name:John Doe;keylength:2048;keytype:RSA;validity:1y;keystate:1
            group:john.doe@company.com;lawyers
            #####
            """;

    @TempDir
    Path dir;

    private OpenSshSftpServer sshd;
    private final ManualClock clock = new ManualClock(NOW);
    private final CryptoRuntime crypto = CryptoRuntime.create();
    private final SyncStores stores = new SyncStores(new InMemoryManagedKeyStore(), new InMemoryGroupStore(),
            new InMemoryRuleSetStore(), new InMemorySyncStateStore());

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(OpenSshSftpServer.installed(), "sshd is not installed (Debian package openssh-server)");
        sshd = OpenSshSftpServer.start(dir.resolve("sshd"));
        for (String sub : List.of("import", "keys/public", "keys/private", "return")) {
            Files.createDirectories(sshd.data().resolve(sub));
        }
    }

    @AfterEach
    void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private UseSync sync(String hostKey) {
        JschSftpShare share = new JschSftpShare(SftpSettings.withPassword(sshd.host(), sshd.user(), Secret.empty(),
                hostKey).withPort(sshd.port()).withPrivateKey(sshd.clientPrivateKey(), Secret.empty()));
        // sshd starts the session in the share's root (internal-sftp -d), so the directories are relative to it
        UseSyncSettings settings = new UseSyncSettings("import", Optional.of("keys/public"),
                Optional.of("keys/private"), Optional.of("return"), KeyDefaults.SPEC, Secret.empty(),
                List.of(EmailAddress.parse("admin@company.com")), List.of(),
                EmailAddress.parse("mailseal@company.com"), 3, Duration.ofDays(30), 2, false);
        SyncExecutor executor = new SyncExecutor(stores, new PgpKeyGenerator(crypto, clock),
                new KeyFileImporter(crypto, SecretCodec.PLAIN, clock), SecretCodec.PLAIN, 2);
        return new UseSync(share, stores, executor, settings, clock);
    }

    private List<String> names(String directory) throws Exception {
        try (Stream<Path> files = Files.list(sshd.data().resolve(directory))) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunReadsTheFileMakesTheKeySetsTheGroupDeletesTheFileAndPushesTheReportBack() throws Exception {
        Files.writeString(sshd.data().resolve("import/users.useimport"), USERS);
        Path old = sshd.data().resolve("return/old-report.txt");
        Files.writeString(old, "old");
        Files.setLastModifiedTime(old, FileTime.from(NOW.minus(Duration.ofDays(31))));

        UseSync.Result result = sync(sshd.hostKeyFingerprint()).run(SyncProgress.NONE, new SyncCancellation());

        assertThat(result.run().outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED);
        assertThat(stores.keys().findKeys(JOHN, KeyType.PGP)).hasSize(1);
        assertThat(stores.groups().groups().groupsOf(JOHN)).containsExactly("lawyers");
        assertThat(names("import")).isEmpty();
        assertThat(names("return")).containsExactly("20260601T100000Z-report.txt");
        SyncReport report = result.report().orElseThrow();
        assertThat(Files.readString(sshd.data().resolve("return/20260601T100000Z-report.txt")))
                .isEqualTo(report.text());
        assertThat(report.text()).contains("(+) pgp-state:john.doe@company.com", "(+) group:john.doe@company.com");
    }

    @Test
    void withAnotherHostKeyTheRunFailsAndLeavesTheShareAsItWas() throws Exception {
        Files.writeString(sshd.data().resolve("import/users.useimport"), USERS);

        UseSync.Result result = sync("SHA256:" + "A".repeat(43)).run(SyncProgress.NONE, new SyncCancellation());

        assertThat(result.run().outcome()).isEqualTo(SyncRun.Outcome.FAILED);
        assertThat(names("import")).containsExactly("users.useimport");
        assertThat(names("return")).isEmpty();
        assertThat(stores.keys().findKeys(JOHN, KeyType.PGP)).isEmpty();
    }
}
