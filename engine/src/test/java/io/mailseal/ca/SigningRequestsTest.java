package io.mailseal.ca;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external-CA seam: the CSR is a valid PKCS#10 request in the mailbox profile (openssl checks it), a CA
 * (openssl here) signs it, and the answer is accepted only when it certifies the pending key for the address; the
 * request and response travel as the JSON documented in docs/ca.md.
 */
class SigningRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    @TempDir
    Path dir;

    private final SigningRequests requests = new SigningRequests(CaFixture.CRYPTO);

    @Test
    void theCsrIsSignedWithTheNewKeyAndAsksForTheMailboxProfile() throws Exception {
        PendingRequest pending = prepare("bob@example.org", new Holder.Person("Bob", "Example"));
        Files.writeString(dir.resolve("bob.csr"), pending.request().csr());

        Tools.Result text = Tools.openssl(dir, "req", "-in", "bob.csr", "-verify", "-noout", "-text");

        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.output()).contains("verify OK")
                .contains("Subject: GN = Bob, SN = Example, CN = Bob Example")
                .contains("Requested Extensions:")
                .contains("email:bob@example.org")
                .contains("E-mail Protection")
                .contains("Digital Signature, Key Encipherment")
                .contains(X509Parts.PERSONAL_POLICY.getId());
        assertThat(pending.request().keyType()).isEqualTo("RSA_2048");
        assertThat(pending.request().validityDays()).isEqualTo(365);
        assertThat(pending.request().requestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                + "[0-9a-f]{12}");
    }

    @Test
    void acceptsTheCertificateAnExternalCaIssuedForTheRequest() throws Exception {
        PendingRequest pending = prepare("team@example.org", new Holder.Team("Example Team"));
        String certificate = externalCaSigns(pending);
        String json = "{\"requestId\": \"" + pending.request().requestId() + "\", \"certificate\": "
                + JSON.writeValueAsString(certificate) + ", \"chain\": ["
                + JSON.writeValueAsString(Files.readString(dir.resolve("ext.crt"))) + "]}";

        IssueResult result = requests.accept(pending, JSON.readValue(json, SigningResponse.class), NOW);

        assertThat(result).isInstanceOfSatisfying(IssueResult.Issued.class, issued -> {
            CertifiedKey key = issued.key();
            assertThat(key.privateKey()).isEqualTo(pending.keys().getPrivate());
            assertThat(key.certificate().address().value()).isEqualTo("team@example.org");
            assertThat(key.certificate().holder()).isEqualTo(new Holder.Team("Example Team"));
            assertThat(key.certificate().issuedAt()).isEqualTo(NOW);
            assertThat(key.chain()).extracting(c -> c.getSubjectX500Principal().getName())
                    .containsExactly("CN=External Test CA");
        });
    }

    @Test
    void refusesACertificateForAnotherKeyOrAnotherRequest() throws Exception {
        PendingRequest bob = prepare("bob@example.org", new Holder.Person("Bob", "Example"));
        PendingRequest carol = prepare("carol@example.org", new Holder.Person("Carol", "Example"));
        String carolsCertificate = externalCaSigns(carol);

        IssueResult otherKey = requests.accept(bob, new SigningResponse(bob.request().requestId(), carolsCertificate,
                List.of()), NOW);
        IssueResult otherRequest = requests.accept(bob, new SigningResponse(carol.request().requestId(),
                carolsCertificate, List.of()), NOW);
        IssueResult garbage = requests.accept(bob, new SigningResponse(bob.request().requestId(), "no PEM here",
                List.of()), NOW);

        for (IssueResult result : List.of(otherKey, otherRequest, garbage)) {
            assertThat(result).isInstanceOfSatisfying(IssueResult.Refused.class,
                    refused -> assertThat(refused.reason()).isEqualTo(IssueRefusal.RESPONSE_MISMATCH));
        }
        assertThat(((IssueResult.Refused) otherKey).detail()).contains("does not carry the key of request");
    }

    @Test
    void theRequestTravelsAsTheDocumentedJson() throws Exception {
        PendingRequest pending = prepare("team@example.org", new Holder.Team("Example Team"));

        JsonNode json = JSON.readTree(JSON.writeValueAsString(pending.request()));

        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("requestId", "address", "team",
                "givenName", "surname", "teamName", "keyType", "validityDays", "csr");
        assertThat(json.get("team").asBoolean()).isTrue();
        assertThat(json.get("teamName").asText()).isEqualTo("Example Team");
        assertThat(JSON.treeToValue(json, SigningRequest.class)).isEqualTo(pending.request());
        assertThat(pending.toString()).doesNotContain("PRIVATE").contains("keys=(hidden)");
    }

    @Test
    void refusesToPrepareARequestForAnAddressACertificateCannotName() {
        PrepareResult result = requests.prepare(IssueRequest.of("jörg@example.org", new Holder.Person("J", "B")),
                KeySpec.EC_P256, Period.ofYears(1), NOW);

        assertThat(result).isInstanceOfSatisfying(PrepareResult.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(IssueRefusal.ADDRESS_INVALID));
    }

    private PendingRequest prepare(String address, Holder holder) {
        PrepareResult result = requests.prepare(new IssueRequest(address, holder, KeySpec.RSA_2048),
                KeySpec.EC_P256, Period.ofYears(1), NOW);
        assertThat(result).isInstanceOf(PrepareResult.Prepared.class);
        return ((PrepareResult.Prepared) result).pending();
    }

    /** openssl plays the external CA: signs the CSR with its own root, copying the requested extensions. */
    private String externalCaSigns(PendingRequest pending) throws Exception {
        if (!Files.exists(dir.resolve("ext.crt"))) {
            openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", "ext.key", "-out", "ext.crt", "-days", "30", "-subj", "/CN=External Test CA",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        }
        String name = pending.request().requestId();
        Files.writeString(dir.resolve(name + ".csr"), pending.request().csr());
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ext.crt", "-CAkey", "ext.key", "-set_serial", "7",
                "-days", "365", "-copy_extensions", "copy", "-out", name + ".crt");
        return Files.readString(dir.resolve(name + ".crt"));
    }

    private void openssl(String... arguments) {
        Tools.Result result = Tools.openssl(dir, arguments);
        assertThat(result.exitCode()).as(String.join(" ", arguments) + "\n" + result.output()).isZero();
    }
}
