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
import io.mailseal.ca.IssuingCa;
import io.mailseal.confluence.jobs.UseSettings;
import io.mailseal.confluence.jobs.UseSyncJob;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.settings.Secret;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.SyncRun;
import io.mailseal.testkit.confluence.AtlassianSmtpMailServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
 * The USE sync job in the plugin, end to end: Apache MINA SSHD's SFTP server on 127.0.0.1 as the share (host key
 * pinned), the Active Objects stores on H2, the scheduler of the testkit firing the scheduled job, the report mailed
 * through "Confluence's" SMTP server to GreenMail, and the made key found by the verify screen as a managed key.
 */
class UseSyncEndToEndTest {

    private static final String USERS = """
            option:RCR 42;action-id
            pgp-state:john.doe@company.com;name:John Doe;keylength:2048;keystate:1;keytype:RSA
            #####
            """;

    @TempDir
    Path dir;
    private WebFixture web;
    private SshServer sshd;
    private Path root;
    private String fingerprint;
    private GreenMail smtp;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture(dir.resolve("home"));
        root = Files.createDirectories(dir.resolve("share"));
        for (String sub : List.of("import", "keys/public", "keys/private", "return")) {
            Files.createDirectories(root.resolve(sub));
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
        KeyPair host = keys.loadKeys(null).iterator().next();
        fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, host.getPublic());

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
        sshd.stop(true);
        smtp.stop();
        web.close();
    }

    private UseSettings settings(String hostKey) {
        UseSettings defaults = UseSettings.defaults();
        return new UseSettings(new UseSettings.Sftp("127.0.0.1", sshd.getPort(), "use", Secret.of("s3cret"),
                Secret.empty(), Secret.empty(), Optional.ofNullable(hostKey)), defaults.directories(),
                new UseSettings.Schedule(true, 15), defaults.keyDefaults(),
                List.of(EmailAddress.parse("admin@company.com")), Optional.empty(), false, Secret.empty());
    }

    private List<String> names(String directory) throws Exception {
        try (Stream<Path> files = Files.list(root.resolve(directory))) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theScheduledRunMakesTheKeyMailsTheReportAndVerifyFindsTheKeyAsManaged() throws Exception {
        web.useSettings.save(settings(fingerprint)).orElseThrow();
        Files.writeString(root.resolve("import/users.useimport"), USERS);
        web.useSync.start();

        JobDetails job = web.scheduler.getJobDetails(UseSyncJob.JOB);
        assertThat(job.getRunMode()).isEqualTo(RunMode.RUN_ONCE_PER_CLUSTER);
        assertThat(job.getSchedule().getIntervalScheduleInfo().getIntervalInMillis()).isEqualTo(15 * 60_000L);
        JobRunnerResponse response = web.scheduler.runNow(UseSyncJob.JOB);

        assertThat(response.getRunOutcome()).isEqualTo(RunOutcome.SUCCESS);
        ManagedKey john = web.managedKeys.findKeys(EmailAddress.parse("john.doe@company.com"), KeyType.PGP).get(0);
        assertThat(john.sealedSecret()).hasValueSatisfying(sealed -> assertThat(sealed).startsWith("enc:v1:"));
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getSubject()).startsWith("RCR 42 Mailseal USE sync report");
        assertThat(mails[0].getAllRecipients()).extracting(Object::toString).containsExactly("admin@company.com");
        assertThat(mails[0].getFrom()[0].toString()).isEqualTo("wiki@company.com");
        assertThat(GreenMailUtil.getBody(mails[0])).contains("(+) pgp-state:john.doe@company.com",
                john.fingerprint());
        assertThat(names("import")).isEmpty();
        assertThat(names("return")).singleElement().asString().endsWith("-report.txt");
        assertThat(web.syncStores.state().newestRuns(1)).singleElement()
                .satisfies(run -> assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED));
        assertThat(web.useSync.running()).as("the lock is given back").isEmpty();

        FakeHttp.Request verify = web.get(WebFixture.ADMIN, Screen.VERIFY);
        verify.query.put("address", "john.doe@company.com");
        assertThat(web.run(web.verifyServlet(), verify).body())
                .containsPattern("mailseal-selected[\\s\\S]*<td>PGP</td><td>Managed keys</td>");
    }

    @Test
    void withAnIssuingCaSetSmimeStateLinesIssueCertificatesThatPointAtThePluginsCrl() throws Exception {
        web.useSettings.save(settings(fingerprint)).orElseThrow();
        web.managedCa.install(IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null,
                web.clock.instant(), web.crypto));
        Files.writeString(root.resolve("import/users.useimport"), """
                option:RCR 43;action-id
                smime-state:support@company.com; name:Support;keystate:1;teamcert:1
                #####
                """);

        UseSyncJob.Outcome outcome = web.useSync.runOnce(() -> false);

        assertThat(((UseSyncJob.Outcome.Ran) outcome).run().outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED);
        assertThat(web.certificateArchive.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.certificate().address().value()).isEqualTo("support@company.com");
            assertThat(entry.sealedKey()).startsWith("enc:v1:");
            assertThat(new String(entry.certificate().certificate().getExtensionValue("2.5.29.31"),
                    java.nio.charset.StandardCharsets.ISO_8859_1))
                    .contains(FakeHttp.HOST + FakeHttp.CONTEXT + "/plugins/servlet/mailseal/crl");
        });
        assertThat(web.syncStores.smimeUsers().users()).extracting(user -> user.address().value())
                .containsExactly("support@company.com");
        assertThat(web.certificateArchive.creationsPerMonth().values()).containsExactly(1);
    }

    @Test
    void theSmimeTransactionalReportIsMailedWithThePublicCertificatesNextToTheSyncReport() throws Exception {
        web.useSettings.save(settings(fingerprint)).orElseThrow();
        web.managedCa.install(IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null,
                web.clock.instant(), web.crypto));
        Files.writeString(root.resolve("import/users.useimport"), """
                option:RCR 44;action-id
                smime-state:support@company.com; name:Support;keystate:1;teamcert:1
                #####
                """);

        UseSyncJob.Outcome outcome = web.useSync.runOnce(() -> false);

        assertThat(((UseSyncJob.Outcome.Ran) outcome).run().outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).extracting(MimeMessage::getSubject).anySatisfy(subject -> assertThat(subject)
                .startsWith("RCR 44 Mailseal USE sync report"));
        MimeMessage smime = Stream.of(mails).filter(mail -> subjectOf(mail).contains("S/MIME transactional report"))
                .findFirst().orElseThrow();
        assertThat(smime.getSubject()).startsWith("RCR 44 Mailseal S/MIME transactional report: 1 created");
        assertThat(smime.getAllRecipients()).extracting(Object::toString).containsExactly("admin@company.com");
        assertThat(smime.getFrom()[0].toString()).isEqualTo("wiki@company.com");
        String raw = GreenMailUtil.getWholeMessage(smime);
        assertThat(raw).contains("-certificates.zip").doesNotContain("PRIVATE KEY");
        String serial = web.certificateArchive.entries().get(0).certificate().certificate().getSerialNumber()
                .toString(16);
        assertThat(GreenMailUtil.getBody(smime).toLowerCase(java.util.Locale.ROOT)).contains(serial);
    }

    @Test
    void anSmimeReportThatCannotBeMailedIsInTheHistoryWithTheReason() throws Exception {
        web.useSettings.save(settings(fingerprint)).orElseThrow();
        web.managedCa.install(IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null,
                web.clock.instant(), web.crypto));
        Files.writeString(root.resolve("import/users.useimport"), """
                option:RCR 45;action-id
                smime-state:support@company.com; name:Support;keystate:1;teamcert:1
                #####
                """);
        smtp.stop();

        SyncRun run = ((UseSyncJob.Outcome.Ran) web.useSync.runOnce(() -> false)).run();

        assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.PARTLY_FAILED);
        assertThat(run.summary()).endsWith("; report mail not sent; S/MIME report mail not sent");
        assertThat(run.report()).contains("== S/MIME report mail ==\nnot sent: mail server");
        assertThat(web.syncStores.state().newestRuns(1)).containsExactly(run);
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (javax.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReportThatCannotBeMailedIsInTheHistoryWithTheReason() throws Exception {
        web.useSettings.save(settings(fingerprint)).orElseThrow();
        Files.writeString(root.resolve("import/users.useimport"), USERS);
        smtp.stop();

        UseSyncJob.Outcome outcome = web.useSync.runOnce(() -> false);

        SyncRun run = ((UseSyncJob.Outcome.Ran) outcome).run();
        assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.PARTLY_FAILED);
        assertThat(run.summary()).endsWith("; report mail not sent");
        assertThat(run.report()).contains("== report mail ==\nnot sent: mail server");
        assertThat(web.syncStores.state().newestRuns(1)).containsExactly(run);
    }

    @Test
    void aRunThatBreaksOffIsStillInTheHistoryAndGivesTheLockBack() {
        web.useSettings.save(settings(fingerprint)).orElseThrow();
        UseSyncJob broken = new UseSyncJob(web.scheduler, web.useMachinery.withShares(share -> {
            throw new IllegalStateException("no share today");
        }), Runnable::run);

        UseSyncJob.Outcome outcome = broken.runOnce(() -> false);

        SyncRun run = ((UseSyncJob.Outcome.Ran) outcome).run();
        assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.FAILED);
        assertThat(run.report()).contains("IllegalStateException: no share today");
        assertThat(web.syncStores.state().newestRuns(1)).containsExactly(run);
        assertThat(web.useSync.running()).isEmpty();
    }

    @Test
    void aChangedHostKeyIsRefusedAndTheRunFailsWithoutTouchingTheShare() throws Exception {
        web.useSettings.save(settings("SHA256:" + "A".repeat(43))).orElseThrow();
        Files.writeString(root.resolve("import/users.useimport"), USERS);

        UseSyncJob.Outcome outcome = web.useSync.runOnce(() -> false);

        SyncRun run = ((UseSyncJob.Outcome.Ran) outcome).run();
        assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.FAILED);
        assertThat(run.report()).contains("the share could not be opened");
        assertThat(names("import")).containsExactly("users.useimport");
        assertThat(web.managedKeys.statuses(KeyType.PGP)).isEmpty();
    }

    @Test
    void aRunIsSkippedWhileAnotherHoldsTheLockAndTheScheduleFollowsTheSettings() throws Exception {
        web.useSettings.save(settings(fingerprint)).orElseThrow();
        web.runLock.tryAcquire(UseSyncJob.LOCK).orElseThrow();

        assertThat(web.useSync.runOnce(() -> false)).isEqualTo(new UseSyncJob.Outcome.Skipped(
                "another sync run is under way"));

        web.useSync.start();
        assertThat(web.scheduler.getRegisteredJobRunnerKeys()).contains(UseSyncJob.RUNNER);
        assertThat(web.scheduler.getJobDetails(UseSyncJob.JOB)).isNotNull();
        UseSettings off = settings(fingerprint);
        web.useSync.reschedule(new UseSettings(off.sftp(), off.directories(), new UseSettings.Schedule(false, 15),
                off.keyDefaults(), off.reportTo(), off.reportFrom(), false, Secret.empty()));
        assertThat(web.scheduler.getJobDetails(UseSyncJob.JOB)).isNull();
        web.useSync.stop();
        assertThat(web.scheduler.getRegisteredJobRunnerKeys()).doesNotContain(UseSyncJob.RUNNER);
    }
}
