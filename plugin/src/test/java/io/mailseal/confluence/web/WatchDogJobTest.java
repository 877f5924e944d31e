package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.scheduler.JobRunnerResponse;
import com.atlassian.scheduler.config.RunMode;
import com.atlassian.scheduler.status.JobDetails;
import com.atlassian.scheduler.status.RunOutcome;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.Holder;
import io.mailseal.ca.IssueRequest;
import io.mailseal.ca.IssueResult;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.ca.IssuingCa;
import io.mailseal.confluence.jobs.UseSettings;
import io.mailseal.confluence.jobs.UseSyncJob;
import io.mailseal.confluence.jobs.WatchDogJob;
import io.mailseal.keys.EmailAddress;
import io.mailseal.store.SmimeUser;
import io.mailseal.store.SyncRun;
import io.mailseal.testkit.confluence.AtlassianSmtpMailServer;
import io.mailseal.use.sync.WatchDog;
import io.mailseal.settings.Secret;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.mail.internet.MimeMessage;
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
 * The WatchDog job in the plugin: the testkit's in-memory scheduler fires it, the fixture's manual clock moves across
 * the 48-hour renewal buffer, the CA archive on H2, the S/MIME report mailed through "Confluence's" SMTP server to
 * GreenMail, the run in the USE history.
 */
class WatchDogJobTest {

    private static final EmailAddress SUPPORT = EmailAddress.parse("support@company.com");

    @TempDir
    Path dir;
    private WebFixture web;
    private GreenMail smtp;
    private SshServer sshd;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture(dir.resolve("home"));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        smtp.start();
        web.mailServers.create(new AtlassianSmtpMailServer("127.0.0.1", port, "wiki@company.com"));
    }

    @AfterEach
    void stop() throws Exception {
        if (sshd != null) {
            sshd.stop(true);
        }
        smtp.stop();
        web.close();
    }

    private static UseSettings watchdog(WatchDog.Chaining mode) {
        return UseSettings.defaults().withWatchdog(new UseSettings.Watchdog(true, mode))
                .withReportTo(List.of(EmailAddress.parse("admin@company.com")));
    }

    private IssuedCertificate supportHasACertificate() {
        web.managedCa.install(IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null,
                web.clock.instant(), web.crypto));
        IssueResult issued = web.managedCa.authority().orElseThrow()
                .issue(IssueRequest.of(SUPPORT.value(), new Holder.Team("Support")));
        web.syncStores.smimeUsers().put(new SmimeUser(SUPPORT, "Support", true, Optional.empty(), Optional.empty(),
                web.clock.instant()));
        return ((IssueResult.Issued) issued).key().certificate();
    }

    private List<IssuedCertificate> liveOfSupport() {
        return web.managedCa.authority().orElseThrow().live().stream()
                .filter(certificate -> certificate.address().equals(SUPPORT))
                .sorted(Comparator.comparing(IssuedCertificate::notAfter)).toList();
    }

    @Test
    void theScheduledWatchDogRenewsACertificateInsideTheBufferAndMailsTheReport() throws Exception {
        IssuedCertificate old = supportHasACertificate();
        web.useSettings.save(watchdog(WatchDog.Chaining.CHAINED)).orElseThrow();
        web.watchDog.start();
        JobDetails job = web.scheduler.getJobDetails(WatchDogJob.JOB);
        assertThat(job.getRunMode()).isEqualTo(RunMode.RUN_ONCE_PER_CLUSTER);
        assertThat(job.getSchedule().getIntervalScheduleInfo().getIntervalInMillis())
                .isEqualTo(Duration.ofDays(1).toMillis());

        web.clock.advance(Duration.between(web.clock.instant(), old.notAfter()).minusHours(47));
        JobRunnerResponse response = web.scheduler.runNow(WatchDogJob.JOB);

        assertThat(response.getRunOutcome()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(liveOfSupport()).hasSize(2).first().isEqualTo(old);
        assertThat(liveOfSupport().get(1).notAfter()).isAfter(old.notAfter());
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).singleElement().satisfies(mail -> {
            assertThat(mail.getSubject()).contains("Mailseal S/MIME transactional report: 1 created");
            assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("admin@company.com");
            assertThat(GreenMailUtil.getWholeMessage(mail)).contains("-certificates.zip")
                    .doesNotContain("PRIVATE KEY");
        });
        assertThat(web.syncStores.state().newestRuns(1)).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED);
            assertThat(run.id()).startsWith("watchdog-");
            assertThat(run.summary()).startsWith("WatchDog: 1 S/MIME users, 1 created");
        });
        assertThat(web.watchDog.toString()).isNotEmpty();
        assertThat(web.runLock.find(UseSyncJob.LOCK)).as("the lock is given back").isEmpty();
    }

    @Test
    void aCertificateJustOutsideTheBufferIsLeftAndNothingIsMailed() {
        IssuedCertificate old = supportHasACertificate();
        web.useSettings.save(watchdog(WatchDog.Chaining.CHAINED)).orElseThrow();
        web.clock.advance(Duration.between(web.clock.instant(), old.notAfter()).minusHours(49));

        SyncRun run = ((UseSyncJob.Outcome.Ran) web.watchDog.runOnce(() -> false)).run();

        assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.NOTHING_TO_DO);
        assertThat(run.summary()).isEqualTo("WatchDog: 1 S/MIME users, nothing to renew");
        assertThat(liveOfSupport()).containsExactly(old);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void unchainedModeCreatesAListedAddresssFirstCertificateAndChainedModeDoesNot() {
        web.managedCa.install(IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null,
                web.clock.instant(), web.crypto));
        web.syncStores.smimeUsers().put(new SmimeUser(SUPPORT, "Support", true, Optional.empty(), Optional.empty(),
                web.clock.instant()));
        web.useSettings.save(watchdog(WatchDog.Chaining.CHAINED)).orElseThrow();

        assertThat(((UseSyncJob.Outcome.Ran) web.watchDog.runOnce(() -> false)).run().outcome())
                .isEqualTo(SyncRun.Outcome.NOTHING_TO_DO);
        assertThat(liveOfSupport()).isEmpty();

        web.useSettings.save(watchdog(WatchDog.Chaining.UNCHAINED)).orElseThrow();
        assertThat(((UseSyncJob.Outcome.Ran) web.watchDog.runOnce(() -> false)).run().outcome())
                .isEqualTo(SyncRun.Outcome.SUCCEEDED);
        assertThat(liveOfSupport()).hasSize(1);
    }

    @Test
    void theRenewalBufferAndTheSemiAutomaticModeComeFromTheUseSettings() throws Exception {
        IssuedCertificate old = supportHasACertificate();
        web.useSettings.save(watchdog(WatchDog.Chaining.CHAINED).withSmime(new UseSettings.Smime(
                io.mailseal.use.sync.SmimeSyncSettings.Mode.SEMI_AUTOMATIC, 1000, 72))).orElseThrow();
        web.clock.advance(Duration.between(web.clock.instant(), old.notAfter()).minusHours(60));

        SyncRun run = ((UseSyncJob.Outcome.Ran) web.watchDog.runOnce(() -> false)).run();

        assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED);
        assertThat(liveOfSupport()).as("semi-automatic: nothing issued").containsExactly(old);
        assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
            assertThat(mail.getSubject()).contains("1 to create (semi-automatic)");
            assertThat(GreenMailUtil.getWholeMessage(mail)).contains("-certificate-instructions.csv");
        });
    }

    @Test
    void theWatchDogNeverRunsWhileASyncHoldsTheLock() {
        IssuedCertificate old = supportHasACertificate();
        web.useSettings.save(watchdog(WatchDog.Chaining.CHAINED)).orElseThrow();
        web.clock.advance(Duration.between(web.clock.instant(), old.notAfter()).minusHours(47));
        web.runLock.tryAcquire(UseSyncJob.LOCK).orElseThrow();

        assertThat(web.watchDog.runOnce(() -> false))
                .isEqualTo(new UseSyncJob.Outcome.Skipped("a sync or WatchDog run is under way"));
        assertThat(liveOfSupport()).containsExactly(old);
    }

    @Test
    void theJobIsScheduledOnlyWhileEnabledWithACaAndTheRunnerFollowsThePluginLifecycle() {
        web.useSettings.save(watchdog(WatchDog.Chaining.CHAINED)).orElseThrow();
        web.watchDog.start();
        assertThat(web.scheduler.getRegisteredJobRunnerKeys()).contains(WatchDogJob.RUNNER);
        assertThat(web.scheduler.getJobDetails(WatchDogJob.JOB)).as("no CA yet").isNull();
        assertThat(web.watchDog.runOnce(() -> false))
                .isEqualTo(new UseSyncJob.Outcome.Skipped("no certificate authority is set up"));

        supportHasACertificate();
        web.watchDog.reschedule(watchdog(WatchDog.Chaining.CHAINED));
        assertThat(web.scheduler.getJobDetails(WatchDogJob.JOB)).isNotNull();
        web.watchDog.reschedule(UseSettings.defaults());
        assertThat(web.scheduler.getJobDetails(WatchDogJob.JOB)).as("off").isNull();

        web.watchDog.stop();
        assertThat(web.scheduler.getRegisteredJobRunnerKeys()).doesNotContain(WatchDogJob.RUNNER);
    }

    /** An in-process SFTP share with the directories given; the settings point the WatchDog at it. */
    private UseSettings withShare(UseSettings use, String... directories) throws Exception {
        Path root = Files.createDirectories(dir.resolve("share"));
        for (String directory : directories) {
            Files.createDirectories(root.resolve(directory));
        }
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(dir.resolve("host.ser"));
        sshd.setKeyPairProvider(keys);
        sshd.setPasswordAuthenticator((user, password, session) -> user.equals("use") && password.equals("s3cret"));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.start();
        String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256,
                keys.loadKeys(null).iterator().next().getPublic());
        return use.withSftp(new UseSettings.Sftp("127.0.0.1", sshd.getPort(), "use", Secret.of("s3cret"),
                Secret.empty(), Secret.empty(), Optional.of(fingerprint)));
    }

    private List<String> returned() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("share/return"))) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void withAShareSetTheReportsFilesArePushedToTheReturnDirectoryWithoutPrivateKeys() throws Exception {
        IssuedCertificate old = supportHasACertificate();
        web.useSettings.save(withShare(watchdog(WatchDog.Chaining.CHAINED), "return")).orElseThrow();
        web.clock.advance(Duration.between(web.clock.instant(), old.notAfter()).minusHours(47));

        SyncRun run = ((UseSyncJob.Outcome.Ran) web.watchDog.runOnce(() -> false)).run();

        assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED);
        assertThat(returned()).containsExactly(run.id() + "-certificates.zip", run.id() + "-smime-report.txt");
        assertThat(Files.readString(dir.resolve("share/return/" + run.id() + "-smime-report.txt")))
                .contains("1 created").contains(SUPPORT.value());
        List<String> entries = new java.util.ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(
                dir.resolve("share/return/" + run.id() + "-certificates.zip")))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry.getName());
                assertThat(new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE");
            }
        }
        assertThat(entries).isNotEmpty().allSatisfy(name -> assertThat(name).doesNotEndWith(".p12")
                .doesNotEndWith(".key"));
        assertThat(run.report()).contains("== pushback ==\npushed to /return: " + run.id() + "-smime-report.txt");
        assertThat(smtp.getReceivedMessages()).as("the mail goes out too").hasSize(1);
    }

    @Test
    void aFailedPushIsRecordedInTheRunsHistoryAndTheMailStillGoesOut() throws Exception {
        IssuedCertificate old = supportHasACertificate();
        web.useSettings.save(withShare(watchdog(WatchDog.Chaining.CHAINED), "import")).orElseThrow();
        web.clock.advance(Duration.between(web.clock.instant(), old.notAfter()).minusHours(47));

        web.watchDog.runOnce(() -> false);

        assertThat(web.syncStores.state().newestRuns(1)).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.PARTLY_FAILED);
            assertThat(run.summary()).startsWith("WatchDog: 1 S/MIME users, 1 created").endsWith("; pushback failed");
            assertThat(run.report()).contains("== pushback ==\npushback to /return failed: ")
                    .doesNotContain("s3cret");
        });
        assertThat(liveOfSupport()).as("the renewal itself stands").hasSize(2);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void withoutAShareTheWatchDogRunsStandAloneAndPushesNothing() {
        IssuedCertificate old = supportHasACertificate();
        web.useSettings.save(watchdog(WatchDog.Chaining.CHAINED)).orElseThrow();
        web.clock.advance(Duration.between(web.clock.instant(), old.notAfter()).minusHours(47));

        SyncRun run = ((UseSyncJob.Outcome.Ran) web.watchDog.runOnce(() -> false)).run();

        assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED);
        assertThat(run.report()).doesNotContain("pushback");
    }
}
