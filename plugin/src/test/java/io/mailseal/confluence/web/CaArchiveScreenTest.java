package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.Holder;
import io.mailseal.ca.IssueRequest;
import io.mailseal.ca.IssueResult;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.ca.IssuingCa;
import io.mailseal.ca.KeySpec;
import io.mailseal.ca.RevocationReason;
import io.mailseal.confluence.jobs.CaAdministration;
import io.mailseal.confluence.jobs.UseSettings;
import io.mailseal.confluence.jobs.UseSyncJob;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.settings.Secret;
import io.mailseal.store.AuditEvent;
import io.mailseal.store.SyncRun;
import io.mailseal.use.sftp.ShareResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate archive page: the list with status, filter and pages; recovery as a PKCS#12 download that openssl
 * opens with the admin's passphrase (weak or mismatched passphrases and GETs recover nothing); revocation that the CRL
 * shows and that removes the certificate's managed key.
 */
class CaArchiveScreenTest {

    private static final String ADMIN = WebFixture.ADMIN;
    private static final String PASSPHRASE = "Correct-Horse-Battery-42";
    private static final String CSV = "address,name,given name,surname,team,key type,key length,validity,reason\r\n"
            + "john.doe@company.com,John Doe,John,Doe,no,EC,256,P1Y,new\r\n";

    @TempDir
    Path dir;
    private WebFixture web;
    private BuiltInCertificateAuthority authority;

    @BeforeEach
    void setUp() {
        web = new WebFixture(dir.resolve("home"));
        web.managedCa.install(IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null,
                web.clock.instant(), web.crypto));
        authority = web.managedCa.authority().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    private IssuedCertificate issue(String address, Holder holder) {
        return ((IssueResult.Issued) authority.issue(new IssueRequest(address, holder, KeySpec.EC_P256))).key()
                .certificate();
    }

    /** John's certificate issued as the sync issues it: archived, and his managed S/MIME key. */
    private IssuedCertificate johnThroughABatch() {
        CaAdministration.Batch batch = web.caAdministration.execute("john.csv", CSV.getBytes(StandardCharsets.UTF_8));
        return ((CaAdministration.Batch.Executed) batch).created().get(0);
    }

    private FakeHttp.Response archive(String... query) {
        FakeHttp.Request request = web.get(ADMIN, Screen.CA_ARCHIVE);
        for (int i = 0; i < query.length; i += 2) {
            request.query.put(query[i], query[i + 1]);
        }
        return web.run(web.caArchiveServlet(), request);
    }

    private FakeHttp.Response recover(IssuedCertificate certificate, String passphrase, String repeat) {
        return web.run(web.caArchiveServlet(), web.post(ADMIN, Screen.CA_ARCHIVE).param("operation", "recover")
                .param("serial", certificate.serialHex()).param("passphrase", passphrase)
                .param("passphraseRepeat", repeat).param("protection", "MODERN"));
    }

    private FakeHttp.Response revoke(IssuedCertificate certificate, String reason) {
        return web.run(web.caArchiveServlet(), web.post(ADMIN, Screen.CA_ARCHIVE).param("operation", "revoke")
                .param("serial", certificate.serialHex()).param("reason", reason));
    }

    @Test
    void theListShowsEveryCertificateWithItsStatusAndFiltersByAddressOrSerial() {
        IssuedCertificate old = issue("support@company.com", new Holder.Team("Support"));
        web.clock.advance(Duration.ofDays(400));
        IssuedCertificate john = issue("john.doe@company.com", new Holder.Person("John", "Doe"));
        IssuedCertificate jane = issue("jane.roe@company.com", new Holder.Person("Jane", "Roe"));
        authority.revoke(jane.serial(), RevocationReason.KEY_COMPROMISE);

        String all = archive().body();
        assertThat(all).contains(old.serialHex(), john.serialHex(), jane.serialHex(), "CN=Support",
                "<td>expired</td>", "<td>live</td>", "(key compromise)", "Certificates: 3");

        String filtered = archive("q", "JOHN.doe").body();
        assertThat(filtered).contains(john.serialHex(), "Certificates: 1").doesNotContain(old.serialHex());
        assertThat(archive("q", jane.serialHex().substring(0, 12)).body()).contains(jane.serialHex())
                .doesNotContain(john.serialHex());
    }

    @Test
    void theListIsPaged() {
        for (int i = 0; i < CaArchiveServlet.PAGE_SIZE + 1; i++) {
            issue("user" + i + "@company.com", new Holder.Team("User " + i));
        }

        String first = archive().body();
        String second = archive("page", "2").body();

        assertThat(first.split("<a href=\"[^\"]*\\?serial=", -1)).hasSize(CaArchiveServlet.PAGE_SIZE + 1);
        assertThat(first).contains("page 1 / 2", "Next page");
        assertThat(second.split("<a href=\"[^\"]*\\?serial=", -1)).hasSize(2);
        assertThat(second).contains("page 2 / 2", "Previous page");
    }

    @Test
    void theRecoveredPkcs12OpensWithOpensslAndThePassphraseAndTheRecoveryIsAudited() throws Exception {
        IssuedCertificate john = issue("john.doe@company.com", new Holder.Person("John", "Doe"));

        FakeHttp.Response download = recover(john, PASSPHRASE, PASSPHRASE);

        assertThat(download.status).isEqualTo(200);
        assertThat(download.contentType).isEqualTo("application/x-pkcs12");
        assertThat(download.headers.get("Content-Disposition"))
                .isEqualTo("attachment; filename=\"john.doe@company.com-" + john.serialHex() + ".p12\"");
        assertThat(download.headers.get("Cache-Control")).isEqualTo("no-store");
        Path p12 = Files.write(dir.resolve("john.p12"), download.bytes.toByteArray());
        Path pass = Files.writeString(dir.resolve("pass.txt"), PASSPHRASE + "\n");
        Process openssl = new ProcessBuilder("openssl", "pkcs12", "-in", p12.toString(), "-passin",
                "file:" + pass, "-nodes").redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("openssl.log"));
        assertThat(openssl.exitValue()).as(out).isZero();
        assertThat(out).contains("-----BEGIN PRIVATE KEY-----", "issuer=CN = Company Test CA", "CN = John Doe");
        assertThat(out.split("-----BEGIN CERTIFICATE-----", -1)).as("certificate and chain").hasSize(3);
        assertThat(web.auditEvents()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("ca.archive.recovered");
            assertThat(event.subject()).isEqualTo("john.doe@company.com");
            assertThat(event.detail()).contains(john.serialHex(), "john.doe@company.com").doesNotContain(PASSPHRASE);
        });
    }

    @Test
    void aWeakOrMismatchedPassphraseRecoversNothingAndIsNotShownBack() {
        IssuedCertificate john = issue("john.doe@company.com", new Holder.Person("John", "Doe"));

        FakeHttp.Response weak = recover(john, "short-1", "short-1");
        FakeHttp.Response mismatch = recover(john, PASSPHRASE, PASSPHRASE + "x");

        assertThat(weak.status).isEqualTo(400);
        assertThat(weak.body()).contains("the passphrase is too weak", "at least 12 are needed")
                .doesNotContain("short-1");
        assertThat(mismatch.status).isEqualTo(400);
        assertThat(mismatch.body()).contains("the two passphrases differ").doesNotContain(PASSPHRASE);
        assertThat(weak.bytes.size() + mismatch.bytes.size()).isZero();
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void aGetRecoversNothing() {
        IssuedCertificate john = issue("john.doe@company.com", new Holder.Person("John", "Doe"));

        FakeHttp.Response page = archive("operation", "recover", "serial", john.serialHex(), "passphrase",
                PASSPHRASE, "passphraseRepeat", PASSPHRASE, "protection", "MODERN");

        assertThat(page.status).isEqualTo(200);
        assertThat(page.contentType).startsWith("text/html");
        assertThat(page.bytes.size()).isZero();
        assertThat(page.body()).contains("name=\"operation\" value=\"recover\"").doesNotContain(PASSPHRASE);
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void aRevocationIsOnTheCrlRemovesTheManagedKeyAndIsAudited() throws Exception {
        IssuedCertificate john = johnThroughABatch();
        EmailAddress address = EmailAddress.parse("john.doe@company.com");
        assertThat(web.managedKeys.findKeys(address, KeyType.SMIME)).hasSize(1);

        FakeHttp.Response response = revoke(john, "KEY_COMPROMISE");

        assertThat(response.status).isEqualTo(302);
        assertThat(response.redirect).endsWith("/plugins/servlet/mailseal/admin/ca/archive?serial=" + john.serialHex()
                + "&done=revokedUnreported");
        assertThat(web.managedKeys.findKeys(address, KeyType.SMIME)).isEmpty();
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(
                web.managedCa.authority().orElseThrow().currentCrl().der()));
        X509CRLEntry entry = crl.getRevokedCertificate(john.serial());
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
        assertThat(web.auditEvents()).extracting(AuditEvent::action).containsExactly("ca.archive.revoked");
        assertThat(web.auditEvents().get(0).detail()).contains("S/MIME report not sent: no report sender");
        assertThat(archive("serial", john.serialHex(), "done", "revokedUnreported").body())
                .contains("The certificate was revoked, but its S/MIME transactional report did not go out",
                        "(key compromise)").doesNotContain("name=\"operation\" value=\"revoke\"");
        assertThat(web.syncStores.state().newestRuns(1)).singleElement().satisfies(run -> {
            assertThat(run.id()).startsWith("revoke-");
            assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.PARTLY_FAILED);
            assertThat(run.report()).contains("serial " + john.serialHex(), "certificate archive, admin " + ADMIN,
                    "not sent: no report sender");
        });

        FakeHttp.Response again = revoke(john, "KEY_COMPROMISE");
        assertThat(again.status).isEqualTo(409);
        assertThat(again.body()).contains("Nothing was revoked");
    }

    @Test
    void aRevocationWhileASyncHoldsTheLockChangesNothing() {
        IssuedCertificate john = issue("john.doe@company.com", new Holder.Person("John", "Doe"));
        web.runLock.tryAcquire(UseSyncJob.LOCK).orElseThrow();

        FakeHttp.Response response = revoke(john, "SUPERSEDED");

        assertThat(response.status).isEqualTo(409);
        assertThat(web.certificateArchive.find(john.serial()).orElseThrow().findRevocation()).isEmpty();
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void aBadSerialOrReasonChangesNothing() {
        IssuedCertificate john = issue("john.doe@company.com", new Holder.Person("John", "Doe"));

        assertThat(revoke(john, "BECAUSE").status).isEqualTo(400);
        assertThat(web.run(web.caArchiveServlet(), web.post(ADMIN, Screen.CA_ARCHIVE).param("operation", "revoke")
                .param("serial", "<script>").param("reason", "SUPERSEDED")).status).isEqualTo(400);
        assertThat(web.certificateArchive.entries()).allSatisfy(entry -> assertThat(entry.findRevocation())
                .isEmpty());
        assertThat(List.of(web.auditEvents())).containsExactly(List.of());
    }

    @Test
    void aRevocationMailsItsSmimeReportAndPushesItToTheShare() throws Exception {
        IssuedCertificate john = johnThroughABatch();
        GreenMail smtp = web.startUpstream();
        Map<String, byte[]> returned = new java.util.concurrent.ConcurrentHashMap<>();
        web.shares = sftp -> () -> new ShareResult.Done<>(new RecordingShareSession(returned));
        try {
            web.useSettings.save(UseSettings.defaults().withReportTo(List.of(EmailAddress.parse("pki@company.com")))
                    .withSftp(new UseSettings.Sftp("sftp.company.com", 22, "use", Secret.of("pw"), Secret.empty(),
                            Secret.empty(), Optional.empty()))).orElseThrow();

            FakeHttp.Response response = revoke(john, "AFFILIATION_CHANGED");

            assertThat(response.redirect).endsWith("&done=revoked");
            assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
                assertThat(mail.getSubject()).contains("Mailseal S/MIME transactional report: 0 created, 1 revoked");
                assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("pki@company.com");
                assertThat(GreenMailUtil.getWholeMessage(mail)).contains("serial " + john.serialHex(),
                        "affiliation_changed; certificate archive, admin " + ADMIN);
            });
            assertThat(returned.keySet()).singleElement().asString().startsWith("/return/revoke-")
                    .endsWith("-smime-report.txt");
            assertThat(web.syncStores.state().newestRuns(1)).singleElement()
                    .satisfies(run -> assertThat(run.outcome()).isEqualTo(SyncRun.Outcome.SUCCEEDED));
            assertThat(web.auditEvents().get(0).detail()).endsWith("S/MIME report sent");
        } finally {
            smtp.stop();
        }
    }
}
