package io.mailseal.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the admin replaced the issuing CA: new certificates come from the new CA, the old CA's certificates stay
 * revocable and listed on the old CA's own CRL (checked with {@code openssl verify -crl_check}), and the live limit
 * counts both. The replacement has the same subject name as the old CA (a renewed CA), so telling them apart relies on
 * the key identifiers.
 */
class ReplacedIssuingCaTest {

    @TempDir
    Path dir;

    private final InMemoryCertificateArchive archive = new InMemoryCertificateArchive();
    private final TestSealer sealer = new TestSealer();
    private TestClock clock;
    private IssuingCa oldCa;
    private IssuingCa newCa;
    private CertifiedKey alice;
    private CertifiedKey bob;
    private BuiltInCertificateAuthority replaced;

    @BeforeEach
    void issueUnderTheOldCaThenReplaceIt() {
        clock = CaFixture.clockAt(CaFixture.START.plus(Duration.ofDays(1)));
        oldCa = IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Mailseal Renewed CA", "Example Corp",
                CaFixture.START, CaFixture.CRYPTO);
        newCa = IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Mailseal Renewed CA", "Example Corp",
                CaFixture.START, CaFixture.CRYPTO);
        BuiltInCertificateAuthority before = CaFixture.authority(oldCa, CaFixture.PROFILE, archive, sealer, clock);
        alice = issued(before, "alice@example.org");
        bob = issued(before, "bob@example.org");
        before.revoke(bob.certificate().serial(), RevocationReason.SUPERSEDED);
        clock.advance(Duration.ofHours(1));
        replaced = new BuiltInCertificateAuthority(newCa, List.of(oldCa), CaFixture.PROFILE, archive, sealer,
                CaFixture.CRYPTO, clock);
    }

    @Test
    void newCertificatesComeFromTheNewCaAndVerifyOnlyAgainstIt() throws Exception {
        CertifiedKey carol = issued(replaced, "carol@example.org");

        assertThat(replaced.issuerOf(carol.certificate().certificate())).contains(newCa);
        assertThat(carol.chain().get(0)).isEqualTo(newCa.certificate());
        Tools.Result ok = verify(carol, newCa);
        assertThat(ok.exitCode()).as(ok.output()).isZero();
        assertThat(verify(carol, oldCa).exitCode()).as("not signed by the old key").isNotZero();
    }

    @Test
    void aRevocationOfAnOldCertificateIsOnTheOldCasCrlOnly() throws Exception {
        assertThat(verify(alice, oldCa).exitCode()).as("good before").isZero();
        clock.advance(Duration.ofMinutes(5));

        RevokeResult revoked = replaced.revoke(alice.certificate().serial(), RevocationReason.KEY_COMPROMISE);

        assertThat(revoked).isInstanceOf(RevokeResult.Revoked.class);
        Tools.Result verified = verify(alice, oldCa);
        assertThat(verified.output()).contains("certificate revoked");
        assertThat(replaced.crlOf(oldCa.certificate()).orElseThrow().entries()).isEqualTo(2);
        assertThat(replaced.currentCrl().entries()).as("the new CA revoked nothing").isZero();
    }

    @Test
    void eachCaListsOnlyItsOwnRevocations() throws Exception {
        CertifiedKey carol = issued(replaced, "carol@example.org");
        clock.advance(Duration.ofMinutes(5));

        replaced.revoke(carol.certificate().serial(), RevocationReason.AFFILIATION_CHANGED);

        assertThat(verify(carol, newCa).output()).contains("certificate revoked");
        assertThat(replaced.currentCrl().entries()).isEqualTo(1);
        assertThat(replaced.crlOf(oldCa.certificate()).orElseThrow().entries()).as("bob only").isEqualTo(1);
        assertThat(verify(alice, oldCa).exitCode()).as("alice is still good").isZero();
    }

    @Test
    void anOldCertificateIsRecoveredWithItsOwnChain() {
        CertifiedKey recovered = replaced.recover(alice.certificate().serial()).orElseThrow();

        assertThat(recovered.chain()).containsExactly(oldCa.certificate());
        assertThat(recovered.privateKey()).isEqualTo(alice.privateKey());
    }

    @Test
    void theLiveLimitCountsTheOldCasCertificates() {
        BuiltInCertificateAuthority limited = new BuiltInCertificateAuthority(newCa, List.of(oldCa),
                CaFixture.PROFILE.withMaxLive(1), archive, sealer, CaFixture.CRYPTO, clock);

        IssueResult result = limited.issue(IssueRequest.of("carol@example.org",
                new Holder.Person("Carol", "Example")));

        assertThat(result).isInstanceOfSatisfying(IssueResult.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(IssueRefusal.LIMIT_REACHED));
        assertThat(limited.live()).extracting(IssuedCertificate::address).extracting(Object::toString)
                .containsExactly("alice@example.org");
    }

    @Test
    void anUnknownIssuerHasNoCrl() {
        IssuingCa stranger = CaFixture.ecRoot();

        assertThat(replaced.crlOf(stranger.certificate())).isEmpty();
        assertThat(replaced.issuers()).containsExactly(newCa, oldCa);
    }

    private static CertifiedKey issued(BuiltInCertificateAuthority authority, String address) {
        String local = address.substring(0, address.indexOf('@'));
        IssueResult result = authority.issue(IssueRequest.of(address, new Holder.Person(
                Character.toUpperCase(local.charAt(0)) + local.substring(1), "Example")));
        assertThat(result).isInstanceOf(IssueResult.Issued.class);
        return ((IssueResult.Issued) result).key();
    }

    private Tools.Result verify(CertifiedKey key, IssuingCa ca) throws IOException, CertificateEncodingException {
        String name = key.certificate().serialHex();
        Path caFile = writePem("ca-" + name + ".pem", ca.certificate());
        Path crl = Files.writeString(dir.resolve("crl-" + name + ".pem"),
                replaced.crlOf(ca.certificate()).orElseThrow().pem());
        Path certificate = writePem("cert-" + name + ".pem", key.certificate().certificate());
        return Tools.openssl(dir, "verify", "-attime", Long.toString(clock.instant().getEpochSecond()),
                "-purpose", "smimesign", "-CAfile", caFile.toString(), "-crl_check", "-CRLfile", crl.toString(),
                certificate.toString());
    }

    private Path writePem(String name, X509Certificate certificate) throws IOException,
            CertificateEncodingException {
        return Files.writeString(dir.resolve(name), X509Parts.pem("CERTIFICATE", certificate.getEncoded()));
    }
}
