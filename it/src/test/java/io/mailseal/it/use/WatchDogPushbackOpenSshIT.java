package io.mailseal.it.use;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.CaProfile;
import io.mailseal.ca.IssuingCa;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import io.mailseal.store.SmimeUser;
import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.ssh.OpenSshSftpServer;
import io.mailseal.testkit.store.InMemoryCertificateArchive;
import io.mailseal.testkit.store.InMemoryGroupStore;
import io.mailseal.testkit.store.InMemoryManagedKeyStore;
import io.mailseal.testkit.store.InMemoryRuleSetStore;
import io.mailseal.testkit.store.InMemorySmimeUserList;
import io.mailseal.testkit.store.InMemorySyncStateStore;
import io.mailseal.use.sftp.JschSftpShare;
import io.mailseal.use.sftp.SftpSettings;
import io.mailseal.use.sync.KeyFileImporter;
import io.mailseal.use.sync.Pushback;
import io.mailseal.use.sync.SmimeReport;
import io.mailseal.use.sync.SmimeSyncSettings;
import io.mailseal.use.sync.SyncCancellation;
import io.mailseal.use.sync.SyncExecutor;
import io.mailseal.use.sync.SyncProgress;
import io.mailseal.use.sync.SyncStores;
import io.mailseal.use.sync.WatchDog;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WatchDog stand-alone in unchained mode: the S/MIME users list alone makes a certificate, and its S/MIME report
 * (text and certificates' zip, no private key) is pushed to {@code return/} of Debian's OpenSSH sshd through the
 * same {@link Pushback} the sync uses; a return directory that does not exist is a failure value naming it.
 */
class WatchDogPushbackOpenSshIT {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final EmailAddress SUPPORT = EmailAddress.parse("support@company.com");

    @TempDir
    Path dir;

    private OpenSshSftpServer sshd;
    private final ManualClock clock = new ManualClock(NOW);
    private final CryptoRuntime crypto = CryptoRuntime.create();

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(OpenSshSftpServer.installed(), "sshd is not installed (Debian package openssh-server)");
        sshd = OpenSshSftpServer.start(dir.resolve("sshd"));
        Files.createDirectories(sshd.data().resolve("return"));
    }

    @AfterEach
    void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private JschSftpShare share() {
        return new JschSftpShare(SftpSettings.withPassword(sshd.host(), sshd.user(), Secret.empty(),
                sshd.hostKeyFingerprint()).withPort(sshd.port()).withPrivateKey(sshd.clientPrivateKey(),
                Secret.empty()));
    }

    private WatchDog.Result unchainedCycle() {
        IssuingCa root = IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Mailseal WatchDog IT CA", null,
                NOW.minus(Duration.ofDays(1)), crypto);
        BuiltInCertificateAuthority ca = new BuiltInCertificateAuthority(root,
                CaProfile.defaults(URI.create("https://confluence.example.com/plugins/servlet/mailseal/ca.crl")),
                new InMemoryCertificateArchive(), SecretCodec.PLAIN, crypto, clock);
        InMemorySmimeUserList users = new InMemorySmimeUserList();
        users.put(new SmimeUser(SUPPORT, "Support", true, Optional.empty(), Optional.empty(), NOW));
        SyncStores stores = new SyncStores(new InMemoryManagedKeyStore(), new InMemoryGroupStore(),
                new InMemoryRuleSetStore(), new InMemorySyncStateStore(), users);
        SyncExecutor executor = new SyncExecutor(stores, new PgpKeyGenerator(crypto, clock),
                new KeyFileImporter(crypto, SecretCodec.PLAIN, clock), SecretCodec.PLAIN, 1, ca);
        return new WatchDog(users, executor, SmimeSyncSettings.DEFAULTS, WatchDog.Chaining.UNCHAINED, List.of(),
                clock).run(SyncProgress.NONE, new SyncCancellation());
    }

    private List<String> names(String directory) throws Exception {
        try (Stream<Path> files = Files.list(sshd.data().resolve(directory))) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theListAloneMakesTheCertificateAndItsReportIsPushedToTheReturnDirectory() throws Exception {
        WatchDog.Result result = unchainedCycle();
        SmimeReport report = result.report().orElseThrow();

        // sshd starts the session in the share's root (internal-sftp -d), so the directory is relative to it
        Pushback.Result pushed = Pushback.push(share(), "return", Duration.ofDays(30), clock,
                report.files(result.runId()));

        assertThat(pushed).isInstanceOf(Pushback.Result.Pushed.class);
        assertThat(names("return")).containsExactly(result.runId() + "-certificates.zip",
                result.runId() + "-smime-report.txt");
        assertThat(Files.readString(sshd.data().resolve("return/" + result.runId() + "-smime-report.txt")))
                .isEqualTo(report.text()).contains("1 created");
        List<String> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(
                sshd.data().resolve("return/" + result.runId() + "-certificates.zip")))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry.getName());
                assertThat(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain("PRIVATE KEY");
            }
        }
        assertThat(entries).singleElement().asString().contains("support@company.com");
    }

    @Test
    void aReturnDirectoryThatDoesNotExistIsAFailureNamingIt() {
        WatchDog.Result result = unchainedCycle();

        Pushback.Result pushed = Pushback.push(share(), "gone", Duration.ofDays(30), clock,
                result.report().orElseThrow().files(result.runId()));

        assertThat(pushed).isInstanceOfSatisfying(Pushback.Result.Failed.class,
                failed -> assertThat(failed.reason()).startsWith("pushback to gone failed: "));
    }
}
