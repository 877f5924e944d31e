package io.mailseal.confluence.ca;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.confluence.setup.bandana.ConfluenceBandanaContext;
import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.Holder;
import io.mailseal.ca.IssueRequest;
import io.mailseal.ca.IssueResult;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.ca.IssuingCa;
import io.mailseal.ca.RevocationReason;
import io.mailseal.confluence.storage.BandanaIssuingCaStore;
import io.mailseal.confluence.storage.HomeKeyFile;
import io.mailseal.confluence.storage.MapBandanaManager;
import io.mailseal.confluence.storage.SecretBox;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.confluence.InMemoryApplicationProperties;
import io.mailseal.testkit.store.InMemoryCertificateArchive;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in CA service: the issuing CA sealed in Bandana, the CRL URL from the base URL, one authority reused. */
class ManagedCaTest {

    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static IssuingCa root;

    @TempDir
    Path home;
    private final MapBandanaManager bandana = new MapBandanaManager();
    private final ManualClock clock = new ManualClock("2026-03-01T10:00:00Z");
    private ManagedCa ca;

    private static synchronized IssuingCa root() {
        if (root == null) {
            root = IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null,
                    java.time.Instant.parse("2026-03-01T09:00:00Z"), CRYPTO);
        }
        return root;
    }

    @BeforeEach
    void create() {
        SecretBox box = new SecretBox(new HomeKeyFile(home.resolve(HomeKeyFile.RELATIVE_PATH), new SecureRandom()),
                CRYPTO);
        ca = new ManagedCa(new BandanaIssuingCaStore(bandana), box, new InMemoryCertificateArchive(),
                new InMemoryApplicationProperties("https://wiki.company.com/confluence/", home), CRYPTO, clock);
    }

    @Test
    void theCrlUrlIsTheBaseUrlPlusTheServletPath() {
        assertThat(ca.crlUrl()).isEqualTo(URI.create(
                "https://wiki.company.com/confluence/plugins/servlet/mailseal/crl"));
        assertThat(ca.profile().crlUrl()).isEqualTo(ca.crlUrl());
    }

    @Test
    void withoutAnIssuingCaThereIsNoAuthority() {
        assertThat(ca.authority()).isEmpty();
        assertThat(ca.issuingCa()).isEmpty();
    }

    @Test
    void theInstalledCaIsStoredSealedAndItsKeyIsNotInBandanaInTheClear() {
        ca.install(root());

        String stored = (String) bandana.getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT,
                BandanaIssuingCaStore.KEY);
        assertThat(stored).contains("enc:v1:", "BEGIN CERTIFICATE")
                .doesNotContain(Base64.getEncoder().encodeToString(root().privateKey().getEncoded()));
        assertThat(ca.issuingCa()).hasValueSatisfying(opened ->
                assertThat(opened.certificate()).isEqualTo(root().certificate()));
    }

    @Test
    void theAuthorityIsReusedUntilTheCaIsReplaced() {
        ca.install(root());
        BuiltInCertificateAuthority first = ca.authority().orElseThrow();

        assertThat(ca.authority()).containsSame(first);
        ca.install(IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Other CA", null, clock.instant(), CRYPTO));
        assertThat(ca.authority()).hasValueSatisfying(next -> assertThat(next).isNotSameAs(first));
    }

    @Test
    void aReplacedCaKeepsItsCrlAtThePlainUrlAndTheNewOneHasItsOwn() {
        ca.install(root());
        IssuedCertificate alice = issue("alice@company.com");
        IssuingCa next = IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null, clock.instant(),
                CRYPTO);

        URI nextCrl = ca.replace(next);

        assertThat(nextCrl.toString()).startsWith(ca.crlUrl() + "?ca=").hasSize(ca.crlUrl().toString().length()
                + 4 + 16);
        assertThat(ca.profile().crlUrl()).isEqualTo(nextCrl);
        assertThat(ca.issuingCa().orElseThrow().certificate()).isEqualTo(next.certificate());
        assertThat(ca.retired()).singleElement().satisfies(old -> {
            assertThat(old.getKey().certificate()).isEqualTo(root().certificate());
            assertThat(old.getValue()).isEqualTo(ca.crlUrl());
        });
        clock.advance(java.time.Duration.ofMinutes(1));
        ca.authority().orElseThrow().revoke(alice.serial(), RevocationReason.SUPERSEDED);
        assertThat(ca.crl("").orElseThrow().entries()).as("the old CA's CRL lists alice").isEqualTo(1);
        String id = nextCrl.getQuery().substring("ca=".length());
        assertThat(ca.crl(id).orElseThrow().entries()).as("the new CA revoked nothing").isZero();
        assertThat(ca.crl("0123456789abcdef")).isEmpty();
        assertThat(issue("bob@company.com").certificate().getIssuerX500Principal())
                .isEqualTo(next.certificate().getSubjectX500Principal());
    }

    @Test
    void aCaStoredBySchemaOneReadsAsTheCurrentCaAtThePlainCrlUrl() {
        ca.install(root());
        String stored = (String) bandana.getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT,
                BandanaIssuingCaStore.KEY);
        String schemaOne = stored.replace("\"schemaVersion\":2", "\"schemaVersion\":1")
                .replaceAll(",\"crlId\":\"\"", "").replaceAll(",\"retired\":\\[\\]", "");
        assertThat(schemaOne).doesNotContain("crlId", "retired");
        bandana.setValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, BandanaIssuingCaStore.KEY, schemaOne);

        assertThat(ca.crl("")).isPresent();
        assertThat(ca.profile().crlUrl()).isEqualTo(ca.crlUrl());
        assertThat(ca.retired()).isEmpty();
    }

    private IssuedCertificate issue(String address) {
        IssueResult result = ca.authority().orElseThrow().issue(IssueRequest.of(address,
                new Holder.Person("Test", "User")));
        return ((IssueResult.Issued) result).key().certificate();
    }
}
