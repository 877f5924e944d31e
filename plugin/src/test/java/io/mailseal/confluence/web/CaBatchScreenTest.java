package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.mailseal.ca.ArchivedCertificate;
import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.IssuingCa;
import io.mailseal.confluence.jobs.UseSettings;
import io.mailseal.confluence.jobs.UseSyncJob;
import io.mailseal.confluence.jobs.WatchDogJob;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.store.SyncRun;
import io.mailseal.use.sftp.ShareResult;
import io.mailseal.use.sync.SmimeSyncSettings;
import io.mailseal.use.sync.WatchDog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch processing of the semi-automatic instructions CSV on the CA screen: the preview changes nothing and names every
 * bad line and field; processing (with the preview's sealed token only) creates the certificates under the run lock,
 * respects the live-certificate limit, mails the S/MIME report to GreenMail, pushes it to the return directory,
 * records the run and audits it.
 */
class CaBatchScreenTest {

    private static final String ADMIN = WebFixture.ADMIN;
    private static final String HEADER = "address,name,given name,surname,team,key type,key length,validity,reason\r\n";
    private static final String TWO_ROWS = HEADER
            + "support@company.com,Support,,,yes,EC,256,P1Y,new\r\n"
            + "john.doe@company.com,John Doe,John,Doe,no,RSA,2048,P1Y,new\r\n";
    private static final Pattern PENDING = Pattern.compile("name=\"pending\" value=\"([^\"]+)\"");

    @TempDir
    Path home;
    private WebFixture web;
    private GreenMail smtp;
    private final Map<String, byte[]> returned = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        web = new WebFixture(home);
        smtp = web.startUpstream();
        web.shares = sftp -> () -> new ShareResult.Done<>(new RecordingShareSession(returned));
    }

    @AfterEach
    void tearDown() {
        smtp.stop();
        web.close();
    }

    private void caIsSetUp() {
        web.managedCa.install(IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null,
                web.clock.instant(), web.crypto));
    }

    private void reportsGoTo(String address, int maxLive) {
        web.useSettings.save(UseSettings.defaults().withReportTo(List.of(EmailAddress.parse(address)))
                .withSmime(new UseSettings.Smime(SmimeSyncSettings.Mode.SEMI_AUTOMATIC, maxLive, 48))).orElseThrow();
    }

    private FakeHttp.Response preview(String csv) {
        return web.run(web.caServlet(), web.multipart(ADMIN, Screen.CA, Map.of("operation", "batchPreview",
                "csv", new Object[] {"batch-20250601T000000Z-certificate-instructions.csv",
                        csv.getBytes(StandardCharsets.UTF_8)})));
    }

    /** The confirmation as the preview page's form sends it: multipart, the sealed token only. */
    private FakeHttp.Response process(String pending) {
        return web.run(web.caServlet(), web.multipart(ADMIN, Screen.CA, Map.of("operation", "batchRun",
                "pending", pending)));
    }

    private static String pendingOf(FakeHttp.Response preview) {
        Matcher matcher = PENDING.matcher(preview.body());
        assertThat(matcher.find()).as("the preview carries a token").isTrue();
        return unescape(matcher.group(1));
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Test
    void thePreviewShowsEveryRowAndTheLimitAndChangesNothing() {
        caIsSetUp();
        reportsGoTo("pki@company.com", 1000);

        FakeHttp.Response page = preview(TWO_ROWS);

        assertThat(page.status).isEqualTo(200);
        assertThat(page.body()).contains("<td class=\"mailseal-batch-live\">0 / 1000</td>",
                        "<td class=\"mailseal-batch-over-limit\">0</td>", "<code>(+)</code>",
                        "support@company.com;Support", "john.doe@company.com;John Doe", "name=\"pending\"")
                .doesNotContain("-----BEGIN");
        assertThat(web.certificateArchive.entries()).isEmpty();
        assertThat(web.managedKeys.findKeys(EmailAddress.parse("support@company.com"), KeyType.SMIME)).isEmpty();
        assertThat(web.syncStores.state().newestRuns(5)).isEmpty();
        assertThat(web.auditEvents()).isEmpty();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aBadLineIsNamedWithItsFieldAndNothingIsOffered() {
        caIsSetUp();

        FakeHttp.Response page = preview(HEADER + "support@company.com,Support,,,yes,EC,256,P1Y,new\r\n"
                + "john.doe@company.com,John Doe,John,Doe,maybe,RSA,2048,P1Y,new\r\n");

        assertThat(page.status).isEqualTo(400);
        assertThat(page.body()).contains("has 1 problems", "Line 3, field &quot;team&quot;: team must be yes or no")
                .doesNotContain("name=\"pending\"");
        assertThat(web.certificateArchive.entries()).isEmpty();
    }

    @Test
    void processingCreatesTheCertificatesMailsAndPushesTheReportRecordsAndAuditsTheRun() throws Exception {
        caIsSetUp();
        reportsGoTo("pki@company.com", 1000);
        web.useSettings.save(web.useSettings.load().orElseThrow().withSftp(new UseSettings.Sftp("sftp.company.com",
                22, "use", io.mailseal.settings.Secret.of("pw"), io.mailseal.settings.Secret.empty(),
                io.mailseal.settings.Secret.empty(), Optional.empty()))).orElseThrow();
        String pending = pendingOf(preview(TWO_ROWS));

        FakeHttp.Response page = process(pending);

        assertThat(page.status).isEqualTo(200);
        List<ArchivedCertificate> archived = web.certificateArchive.entries();
        assertThat(archived).extracting(entry -> entry.certificate().address().value())
                .containsExactlyInAnyOrder("support@company.com", "john.doe@company.com");
        assertThat(page.body()).contains("2 certificates created, 0 rows refused",
                "The S/MIME transactional report was mailed.", archived.get(0).certificate().serialHex());
        assertThat(web.managedKeys.findKeys(EmailAddress.parse("john.doe@company.com"), KeyType.SMIME)).hasSize(1);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).singleElement().satisfies(mail -> {
            assertThat(mail.getSubject()).contains("Mailseal S/MIME transactional report: 2 created");
            assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("pki@company.com");
            assertThat(GreenMailUtil.getWholeMessage(mail)).contains("-certificates.zip")
                    .doesNotContain("PRIVATE KEY");
        });
        assertThat(returned.keySet()).anySatisfy(name -> assertThat(name).startsWith("/return/batch-")
                .endsWith("-smime-report.txt")).anySatisfy(name -> assertThat(name).endsWith("-certificates.zip"));
        assertThat(web.syncStores.state().newestRuns(1)).singleElement().satisfies(run -> {
            assertThat(run.id()).startsWith("batch-");
            assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED);
            assertThat(run.files()).containsExactly("batch-20250601T000000Z-certificate-instructions.csv");
        });
        assertThat(web.auditEvents()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("ca.batch.processed");
            assertThat(event.detail()).contains("2 rows, 2 created, 0 refused");
        });
        assertThat(web.runLock.find(UseSyncJob.LOCK)).as("the lock is given back").isEmpty();

        FakeHttp.Response again = process(pending);
        assertThat(again.body()).as("importing twice creates nothing twice").contains("0 certificates created");
        assertThat(web.certificateArchive.entries()).hasSize(2);
    }

    @Test
    void theLimitOfLiveCertificatesIsPreviewedAndRespected() {
        caIsSetUp();
        reportsGoTo("pki@company.com", 1);

        FakeHttp.Response preview = preview(TWO_ROWS);
        assertThat(preview.body()).contains("<td class=\"mailseal-batch-live\">0 / 1</td>",
                "<td class=\"mailseal-batch-over-limit\">1</td>", "<code>(!)</code>");

        FakeHttp.Response page = process(pendingOf(preview));

        assertThat(page.body()).contains("1 certificates created, 1 rows refused", "the limit is 1");
        assertThat(web.certificateArchive.entries()).singleElement()
                .satisfies(entry -> assertThat(entry.certificate().address().value()).isEqualTo("support@company.com"));
        assertThat(smtp.getReceivedMessages()).singleElement()
                .satisfies(mail -> assertThat(mail.getSubject()).startsWith("ALERT "));
    }

    @Test
    void aBatchWhileASyncHoldsTheLockIsRefusedAndChangesNothing() {
        caIsSetUp();
        reportsGoTo("pki@company.com", 1000);
        String pending = pendingOf(preview(TWO_ROWS));
        web.runLock.tryAcquire(UseSyncJob.LOCK).orElseThrow();

        FakeHttp.Response page = process(pending);

        assertThat(page.status).isEqualTo(409);
        assertThat(page.body()).contains("Nothing was changed: a USE sync, WatchDog cycle or batch is running");
        assertThat(web.certificateArchive.entries()).isEmpty();
        assertThat(web.auditEvents()).isEmpty();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aChangedOrStaleTokenProcessesNothing() {
        caIsSetUp();
        String pending = pendingOf(preview(TWO_ROWS));

        FakeHttp.Response changed = process(pending.substring(0, pending.length() - 4) + "AAAA");
        web.clock.advance(Duration.ofMinutes(31));
        FakeHttp.Response stale = process(pending);

        assertThat(changed.status).isEqualTo(400);
        assertThat(stale.status).isEqualTo(400);
        assertThat(stale.body()).contains("the preview is older than 30 minutes");
        assertThat(web.certificateArchive.entries()).isEmpty();
    }

    @Test
    void withoutACaABatchIsRefused() {
        FakeHttp.Response page = preview(TWO_ROWS);

        assertThat(page.status).isEqualTo(409);
        assertThat(page.body()).contains("Nothing was changed: no certificate authority is set up");
    }

    @Test
    void settingUpACaSchedulesTheEnabledWatchDog() {
        web.useSettings.save(UseSettings.defaults().withWatchdog(new UseSettings.Watchdog(true,
                WatchDog.Chaining.CHAINED))).orElseThrow();
        assertThat(web.scheduler.getJobDetails(WatchDogJob.JOB)).isNull();

        FakeHttp.Response created = web.run(web.caServlet(), web.post(ADMIN, Screen.CA).param("operation", "create")
                .param("name", "Company Mail CA").param("organization", "").param("keyType", "EC_P384"));

        assertThat(created.status).isEqualTo(302);
        assertThat(web.scheduler.getJobDetails(WatchDogJob.JOB)).isNotNull();
    }

    @Test
    void theCaScreenLinksTheArchive() {
        caIsSetUp();

        assertThat(web.run(web.caServlet(), web.get(ADMIN, Screen.CA)).body())
                .contains("href=\"" + FakeHttp.CONTEXT + "/plugins/servlet/mailseal/admin/ca/archive\"");
    }
}
