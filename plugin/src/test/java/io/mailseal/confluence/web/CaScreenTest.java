package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.Holder;
import io.mailseal.ca.IssueRequest;
import io.mailseal.ca.IssuingCa;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.store.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate authority screen: create or upload a CA, findings, details, counts; secrets never shown. */
class CaScreenTest {

    private static final String ADMIN = WebFixture.ADMIN;
    private static final String P12_PASSWORD = "p12-Secret-7";
    private static IssuingCa uploadable;

    @TempDir
    Path home;
    private WebFixture web;

    @BeforeEach
    void setUp() {
        web = new WebFixture(home);
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    private static synchronized IssuingCa uploadable() {
        if (uploadable == null) {
            uploadable = IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Uploaded Company CA", "Company",
                    java.time.Instant.parse("2025-01-01T00:00:00Z"), CryptoRuntime.create());
        }
        return uploadable;
    }

    private static byte[] pkcs12(IssuingCa ca, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("ca", ca.privateKey(), password.toCharArray(), new X509Certificate[] {ca.certificate()});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return out.toByteArray();
    }

    private FakeHttp.Response upload(byte[] p12, String password) {
        return web.run(web.caServlet(), web.multipart(ADMIN, Screen.CA, Map.of("operation", "upload",
                "pkcs12", new Object[] {"company-ca.p12", p12}, "password", password)));
    }

    @Test
    void withoutACaTheScreenOffersCreateAndUploadAndShowsTheCrlUrl() {
        FakeHttp.Response page = web.run(web.caServlet(), web.get(ADMIN, Screen.CA));

        assertThat(page.status).isEqualTo(200);
        assertThat(page.body()).contains("name=\"operation\" value=\"create\"", "name=\"operation\" value=\"upload\"",
                FakeHttp.HOST + FakeHttp.CONTEXT + "/plugins/servlet/mailseal/crl", "RSA 3072", "EC P384");
    }

    @Test
    void nonAdministratorsCannotSeeOrCreate() {
        FakeHttp.Response get = web.run(web.caServlet(), web.get("alice", Screen.CA));
        FakeHttp.Response post = web.run(web.caServlet(), web.post("alice", Screen.CA).param("operation", "create")
                .param("name", "Evil CA").param("organization", "").param("keyType", "EC_P384"));

        assertThat(get.status).isEqualTo(403);
        assertThat(post.status).isEqualTo(403);
        assertThat(web.managedCa.issuingCa()).isEmpty();
    }

    @Test
    void aPostWithoutTheTokenCreatesNothing() {
        FakeHttp.Request request = web.post(ADMIN, Screen.CA).param("operation", "create").param("name", "Our CA")
                .param("organization", "").param("keyType", "EC_P384");
        request.parameters.remove("atl_token");

        FakeHttp.Response response = web.run(web.caServlet(), request);

        assertThat(response.status).isEqualTo(403);
        assertThat(web.managedCa.issuingCa()).isEmpty();
    }

    @Test
    void creatingAPrivateRootStoresItAuditsItAndShowsItsDetails() {
        FakeHttp.Response created = web.run(web.caServlet(), web.post(ADMIN, Screen.CA).param("operation", "create")
                .param("name", "Company Mail CA").param("organization", "Company").param("keyType", "EC_P384"));

        assertThat(created.status).isEqualTo(302);
        assertThat(created.redirect).endsWith("/plugins/servlet/mailseal/admin/ca?done=created");
        IssuingCa stored = web.managedCa.issuingCa().orElseThrow();
        assertThat(stored.certificate().getSubjectX500Principal().getName()).contains("CN=Company Mail CA");
        assertThat(web.auditEvents()).extracting(AuditEvent::action).containsExactly("ca.created");

        String page = web.run(web.caServlet(), web.get(ADMIN, Screen.CA)).body();
        assertThat(page).contains("CN=Company Mail CA", stored.certificate().getSerialNumber().toString(16),
                        "self-signed private root", "<strong>0</strong> / 1000")
                .contains("Replace the issuing CA", "name=\"replace\" value=\"yes\"")
                .doesNotContain(Base64.getEncoder().encodeToString(stored.privateKey().getEncoded()));
    }

    @Test
    void aSecondCaIsRefusedAndTheFirstStays() {
        web.managedCa.install(uploadable());

        FakeHttp.Response response = web.run(web.caServlet(), web.post(ADMIN, Screen.CA)
                .param("operation", "create").param("name", "Other CA").param("organization", "")
                .param("keyType", "EC_P384"));

        assertThat(response.status).isEqualTo(409);
        assertThat(web.managedCa.issuingCa().orElseThrow().certificate()).isEqualTo(uploadable().certificate());
    }

    @Test
    void replacingNeedsTheConfirmationAndThenRetiresTheOldCaWithItsCrl() throws Exception {
        web.managedCa.install(uploadable());
        FakeHttp.Request unconfirmed = web.multipart(ADMIN, Screen.CA, Map.of("operation", "create", "replace", "yes",
                "name", "Company Mail CA 2", "organization", "", "keyType", "EC_P384"));

        FakeHttp.Response refused = web.run(web.caServlet(), unconfirmed);

        assertThat(refused.status).isEqualTo(400);
        assertThat(refused.body()).contains("tick &quot;I understand");
        assertThat(web.managedCa.issuingCa().orElseThrow().certificate()).isEqualTo(uploadable().certificate());

        FakeHttp.Response replaced = web.run(web.caServlet(), web.post(ADMIN, Screen.CA).param("operation", "create")
                .param("replace", "yes").param("confirmReplace", "yes").param("name", "Company Mail CA 2")
                .param("organization", "").param("keyType", "EC_P384"));

        assertThat(replaced.status).isEqualTo(302);
        assertThat(replaced.redirect).endsWith("?done=replaced");
        IssuingCa current = web.managedCa.issuingCa().orElseThrow();
        assertThat(current.certificate().getSubjectX500Principal().getName()).contains("CN=Company Mail CA 2");
        assertThat(web.auditEvents()).extracting(AuditEvent::action).containsExactly("ca.replaced");
        assertThat(web.auditEvents().get(0).detail()).contains("Uploaded Company CA", "?ca=")
                .doesNotContain(Base64.getEncoder().encodeToString(current.privateKey().getEncoded()));
        String page = web.run(web.caServlet(), web.get(ADMIN, Screen.CA)).body();
        assertThat(page).contains("Retired CAs", "CN=Uploaded Company CA",
                FakeHttp.HOST + FakeHttp.CONTEXT + "/plugins/servlet/mailseal/crl</code>",
                FakeHttp.HOST + FakeHttp.CONTEXT + "/plugins/servlet/mailseal/crl?ca=");
        assertThat(web.managedCa.crl("")).isPresent();
    }

    @Test
    void replacingWhenNoCaIsSetIsRefused() {
        FakeHttp.Response response = web.run(web.caServlet(), web.post(ADMIN, Screen.CA).param("operation", "create")
                .param("replace", "yes").param("confirmReplace", "yes").param("name", "Company Mail CA")
                .param("organization", "").param("keyType", "EC_P384"));

        assertThat(response.status).isEqualTo(409);
        assertThat(web.managedCa.issuingCa()).isEmpty();
    }

    @Test
    void aBadCreateFormSaysWhatIsWrongAndStoresNothing() {
        FakeHttp.Response response = web.run(web.caServlet(), web.post(ADMIN, Screen.CA)
                .param("operation", "create").param("name", " ").param("organization", "")
                .param("keyType", "DSA_1024"));

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).contains("Name: give 1 to 64 characters.", "Key type: choose one of the list.");
        assertThat(web.managedCa.issuingCa()).isEmpty();
    }

    @Test
    void anUploadWithTheWrongPasswordIsRefusedWithItsFindingAndNothingIsStored() throws Exception {
        FakeHttp.Response response = upload(pkcs12(uploadable(), P12_PASSWORD), "not-the-password");

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).contains("Nothing was stored. company-ca.p12 cannot be used", "Wrong password.")
                .doesNotContain("not-the-password");
        assertThat(web.managedCa.issuingCa()).isEmpty();
        assertThat(web.auditEvents()).isEmpty();
    }

    @Test
    void anUploadThatIsNoPkcs12IsRefused() {
        FakeHttp.Response response = upload("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                P12_PASSWORD);

        assertThat(response.status).isEqualTo(400);
        assertThat(response.body()).contains("Not a PKCS#12 file.");
        assertThat(web.managedCa.issuingCa()).isEmpty();
    }

    @Test
    void aGoodUploadIsStoredAndAuditedWithoutThePassword() throws Exception {
        FakeHttp.Response response = upload(pkcs12(uploadable(), P12_PASSWORD), P12_PASSWORD);

        assertThat(response.status).isEqualTo(302);
        assertThat(web.managedCa.issuingCa().orElseThrow().certificate()).isEqualTo(uploadable().certificate());
        assertThat(web.auditEvents()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("ca.uploaded");
            assertThat(event.detail()).doesNotContain(P12_PASSWORD);
        });
        String page = web.run(web.caServlet(), web.get(ADMIN, Screen.CA)).body();
        assertThat(page).contains("CN=Uploaded Company CA").doesNotContain(P12_PASSWORD);
    }

    @Test
    void theScreenCountsLiveCertificatesAndCreationsPerMonth() {
        web.managedCa.install(uploadable());
        BuiltInCertificateAuthority authority = web.managedCa.authority().orElseThrow();
        authority.issue(IssueRequest.of("support@company.com", new Holder.Team("Support")));
        authority.issue(IssueRequest.of("john.doe@company.com", new Holder.Person("John", "Doe")));

        String page = web.run(web.caServlet(), web.get(ADMIN, Screen.CA)).body();

        String month = java.time.YearMonth.from(web.clock.instant().atOffset(java.time.ZoneOffset.UTC)).toString();
        assertThat(page).contains("<strong>2</strong> / 1000", "<tr><td>" + month + "</td><td>2</td></tr>",
                "<tr><th>Total</th><th>2</th></tr>");
    }
}
