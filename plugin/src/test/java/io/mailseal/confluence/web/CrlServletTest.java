package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.Holder;
import io.mailseal.ca.IssueRequest;
import io.mailseal.ca.IssueResult;
import io.mailseal.ca.IssuingCa;
import io.mailseal.ca.RevocationReason;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public CRL of the built-in CA. */
class CrlServletTest {

    @TempDir
    Path home;
    private WebFixture web;

    @BeforeEach
    void start() {
        web = new WebFixture(home);
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private FakeHttp.Response fetchAnonymously() {
        return fetchAnonymously(null);
    }

    private FakeHttp.Response fetchAnonymously(String caId) {
        FakeHttp.Request request = new FakeHttp.Request();
        request.path = "/plugins/servlet/mailseal/crl";
        if (caId != null) {
            request.query.put("ca", caId);
        }
        return web.run(new CrlServlet(web.managedCa, web.clock), request);
    }

    private static X509CRL parse(FakeHttp.Response response) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                new ByteArrayInputStream(response.bytes.toByteArray()));
    }

    @Test
    void afterTheCaWasReplacedEachCaServesItsOwnCrlAndAnUnknownIdIsNotFound() throws Exception {
        IssuingCa first = IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null,
                web.clock.instant(), web.crypto);
        web.managedCa.install(first);
        IssuingCa second = IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA 2", null,
                web.clock.instant(), web.crypto);
        String id = web.managedCa.replace(second).getQuery().substring("ca=".length());

        X509CRL old = parse(fetchAnonymously());
        X509CRL current = parse(fetchAnonymously(id));

        old.verify(first.certificate().getPublicKey());
        current.verify(second.certificate().getPublicKey());
        assertThat(fetchAnonymously("0000000000000000").status).isEqualTo(404);
        assertThat(fetchAnonymously("../etc").status).isEqualTo(404);
    }

    @Test
    void withoutACertificateAuthorityThereIsNoCrl() {
        assertThat(fetchAnonymously().status).isEqualTo(404);
    }

    @Test
    void anyoneGetsTheCaSignedCrlAsDerWithTheRevokedSerials() throws Exception {
        IssuingCa root = IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null,
                web.clock.instant(), web.crypto);
        web.managedCa.install(root);
        BuiltInCertificateAuthority authority = web.managedCa.authority().orElseThrow();
        BigInteger serial = ((IssueResult.Issued) authority.issue(IssueRequest.of("support@company.com",
                new Holder.Team("Support")))).key().certificate().serial();
        authority.revoke(serial, RevocationReason.KEY_COMPROMISE);

        FakeHttp.Response response = fetchAnonymously();

        assertThat(response.status).isEqualTo(200);
        assertThat(response.contentType).isEqualTo("application/pkix-crl");
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                new ByteArrayInputStream(response.bytes.toByteArray()));
        crl.verify(root.certificate().getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(root.certificate().getSubjectX500Principal());
        assertThat(crl.getRevokedCertificate(serial)).isNotNull();
        assertThat(response.headers.get("Cache-Control")).startsWith("public, max-age=");
    }
}
