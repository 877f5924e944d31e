package io.mailseal.confluence.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.Crl;
import io.mailseal.ca.Holder;
import io.mailseal.ca.IssueRequest;
import io.mailseal.ca.IssueResult;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.ca.IssuingCa;
import io.mailseal.ca.RevocationReason;
import io.mailseal.ca.RevokeResult;
import io.mailseal.confluence.storage.AoCertificateArchive;
import io.mailseal.confluence.storage.AoDatabase;
import io.mailseal.confluence.storage.BandanaIssuingCaStore;
import io.mailseal.confluence.storage.HomeKeyFile;
import io.mailseal.confluence.storage.MapBandanaManager;
import io.mailseal.confluence.storage.SecretBox;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import io.mailseal.testkit.confluence.InMemoryApplicationProperties;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two cluster nodes, each with its own {@link ManagedCa} (and so its own cached CRL), over one Active Objects archive
 * and one Bandana: a revocation on one node is on the other node's CRL at once.
 */
class ManagedCaClusterTest {

    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();

    @TempDir
    Path home;
    private final ManualClock clock = new ManualClock("2026-03-01T10:00:00Z");
    private EntityManagerActiveObjects ao;
    private ManagedCa nodeA;
    private ManagedCa nodeB;

    @BeforeEach
    void create() {
        ao = AoDatabase.open();
        MapBandanaManager bandana = new MapBandanaManager();
        SecretBox box = new SecretBox(new HomeKeyFile(home.resolve(HomeKeyFile.RELATIVE_PATH), new SecureRandom()),
                CRYPTO);
        nodeA = node(bandana, box);
        nodeB = node(bandana, box);
        nodeA.install(IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Company Test CA", null, clock.instant(),
                CRYPTO));
    }

    private ManagedCa node(MapBandanaManager bandana, SecretBox box) {
        return new ManagedCa(new BandanaIssuingCaStore(bandana), box, new AoCertificateArchive(ao),
                new InMemoryApplicationProperties("https://wiki.company.com/", home), CRYPTO, clock);
    }

    @AfterEach
    void close() {
        ao.close();
    }

    private static X509CRL parse(Crl crl) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.der()));
    }

    @Test
    void aRevocationOnOneNodeIsOnTheOtherNodesCrlAtOnce() throws Exception {
        BuiltInCertificateAuthority a = nodeA.authority().orElseThrow();
        BuiltInCertificateAuthority b = nodeB.authority().orElseThrow();
        IssuedCertificate issued = ((IssueResult.Issued) a.issue(IssueRequest.of("bob@company.com",
                new Holder.Person("Bob", "Example")))).key().certificate();
        Crl before = b.currentCrl();
        assertThat(parse(before).getRevokedCertificates()).isNull();

        clock.advance(Duration.ofMinutes(5));
        assertThat(a.revoke(issued.serial(), RevocationReason.CESSATION_OF_OPERATION))
                .isInstanceOf(RevokeResult.Revoked.class);
        Crl after = b.currentCrl();

        assertThat(after.number()).isGreaterThan(before.number());
        assertThat(parse(after).getRevokedCertificate(issued.serial())).isNotNull();
        assertThat(b.currentCrl()).as("cached while nothing changed").isSameAs(after);
        assertThat(a.currentCrl().entries()).isEqualTo(1);
    }
}
