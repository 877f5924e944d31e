package io.mailseal.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.keys.TestClock;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The built-in CA's own rules: addresses and names, the live limit, serials, validity, CRL freshness, archive. */
class BuiltInCertificateAuthorityTest {

    private static final Holder ALICE = new Holder.Person("Alice", "Example");

    private TestClock clock;
    private InMemoryCertificateArchive archive;
    private TestSealer sealer;
    private BuiltInCertificateAuthority authority;

    @BeforeEach
    void createAuthority() {
        clock = CaFixture.clockAt(CaFixture.START.plus(Duration.ofDays(1)));
        archive = new InMemoryCertificateArchive();
        sealer = new TestSealer();
        authority = authority(CaFixture.PROFILE);
    }

    private BuiltInCertificateAuthority authority(CaProfile profile) {
        return CaFixture.authority(CaFixture.ecRoot(), profile, archive, sealer, clock);
    }

    @Test
    void refusesAddressesACertificateCannotName() {
        for (String address : List.of("no-at-sign", "", "jörg@example.org", "alice@exa mple.org", "alice@")) {
            IssueResult result = authority.issue(IssueRequest.of(address, ALICE));

            assertThat(result).as(address).isInstanceOfSatisfying(IssueResult.Refused.class,
                    refused -> assertThat(refused.reason()).isEqualTo(IssueRefusal.ADDRESS_INVALID));
        }
        assertThat(archive.entries()).isEmpty();
    }

    @Test
    void refusesBlankOverlongAndControlCharacterNames() {
        List<Holder> holders = List.of(new Holder.Person(" ", "Example"), new Holder.Team(""),
                new Holder.Team("T".repeat(65)), new Holder.Person("Alice", "Ex\nample"),
                new Holder.Person("A".repeat(32), "B".repeat(32)));
        for (Holder holder : holders) {
            IssueResult result = authority.issue(IssueRequest.of("alice@example.org", holder));

            assertThat(result).as(holder.toString()).isInstanceOfSatisfying(IssueResult.Refused.class,
                    refused -> assertThat(refused.reason()).isEqualTo(IssueRefusal.NAME_INVALID));
        }
        assertThat(authority.issue(IssueRequest.of("t@example.org", new Holder.Team("T".repeat(64)))))
                .isInstanceOf(IssueResult.Issued.class);
    }

    @Test
    void stopsAtTheLiveLimitAndIssuesAgainAfterARevocationOrAnExpiry() {
        authority = authority(CaFixture.PROFILE.withMaxLive(2).withValidity(Period.ofDays(30)));
        CertifiedKey first = issued(authority.issue(IssueRequest.of("a@example.org", ALICE)));
        issued(authority.issue(IssueRequest.of("b@example.org", ALICE)));

        IssueResult third = authority.issue(IssueRequest.of("c@example.org", ALICE));

        assertThat(third).isInstanceOfSatisfying(IssueResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(IssueRefusal.LIMIT_REACHED);
            assertThat(refused.detail()).contains("2 certificates are live, the limit is 2")
                    .contains("c@example.org");
        });
        authority.revoke(first.certificate().serial(), RevocationReason.SUPERSEDED);
        issued(authority.issue(IssueRequest.of("c@example.org", ALICE)));
        assertThat(authority.issue(IssueRequest.of("d@example.org", ALICE))).isInstanceOf(IssueResult.Refused.class);

        clock.advance(Duration.ofDays(31));

        assertThat(authority.issue(IssueRequest.of("d@example.org", ALICE))).isInstanceOf(IssueResult.Issued.class);
    }

    @Test
    void serialsAreUniquePositiveAndAtMost128Bits() {
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            serials.add(issued(authority.issue(IssueRequest.of("u" + i + "@example.org", ALICE)))
                    .certificate().serial());
        }

        assertThat(serials).hasSize(40).allSatisfy(serial -> {
            assertThat(serial.signum()).isPositive();
            assertThat(serial.bitLength()).isLessThanOrEqualTo(128);
        });
        assertThat(serials.stream().mapToInt(BigInteger::bitLength).max().orElseThrow())
                .as("the serials use the full 128 bits").isGreaterThan(120);
    }

    @Test
    void validityStartsAtTheClockAndLastsTheConfiguredPeriod() {
        Instant now = clock.instant();

        CertifiedKey year = issued(authority.issue(IssueRequest.of("a@example.org", ALICE)));
        CertifiedKey month = issued(authority(CaFixture.PROFILE.withValidity(Period.ofDays(30)))
                .issue(IssueRequest.of("b@example.org", ALICE)));

        assertThat(year.certificate().notBefore()).isEqualTo(now);
        assertThat(year.certificate().notAfter()).isEqualTo(now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant());
        assertThat(year.certificate().issuedAt()).isEqualTo(now);
        assertThat(month.certificate().notAfter()).isEqualTo(now.plus(Duration.ofDays(30)));
    }

    @Test
    void validityEndsNoLaterThanTheIssuingCa() {
        Instant caEnd = CaFixture.ecRoot().certificate().getNotAfter().toInstant();
        CaFixture.moveTo(clock, caEnd.minus(Duration.ofDays(10)));

        CertifiedKey key = issued(authority.issue(IssueRequest.of("a@example.org", ALICE)));

        assertThat(key.certificate().notAfter()).isEqualTo(caEnd);
    }

    @Test
    void refusesToIssueOnceTheIssuingCaHasExpired() {
        CaFixture.moveTo(clock, CaFixture.ecRoot().certificate().getNotAfter().toInstant().plusSeconds(1));

        IssueResult result = authority.issue(IssueRequest.of("a@example.org", ALICE));

        assertThat(result).isInstanceOfSatisfying(IssueResult.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(IssueRefusal.ISSUER_NOT_VALID));
    }

    @Test
    void revokingAnUnknownOrRevokedSerialIsRefusedWithTheReason() {
        CertifiedKey key = issued(authority.issue(IssueRequest.of("a@example.org", ALICE)));
        authority.revoke(key.certificate().serial(), RevocationReason.KEY_COMPROMISE);

        RevokeResult again = authority.revoke(key.certificate().serial(), RevocationReason.SUPERSEDED);
        RevokeResult unknown = authority.revoke(BigInteger.valueOf(42), RevocationReason.SUPERSEDED);

        assertThat(again).isInstanceOfSatisfying(RevokeResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(RevokeRefusal.ALREADY_REVOKED);
            assertThat(refused.detail()).contains("a@example.org").contains("KEY_COMPROMISE");
        });
        assertThat(unknown).isInstanceOfSatisfying(RevokeResult.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(RevokeRefusal.UNKNOWN_SERIAL));
    }

    @Test
    void liveListsNeitherRevokedNorExpiredCertificates() {
        CertifiedKey revoked = issued(authority.issue(IssueRequest.of("a@example.org", ALICE)));
        CertifiedKey kept = issued(authority.issue(IssueRequest.of("b@example.org", ALICE)));
        CertifiedKey shortLived = issued(authority(CaFixture.PROFILE.withValidity(Period.ofDays(2)))
                .issue(IssueRequest.of("c@example.org", ALICE)));
        authority.revoke(revoked.certificate().serial(), RevocationReason.CESSATION_OF_OPERATION);

        assertThat(authority.live()).extracting(IssuedCertificate::serial)
                .containsExactly(kept.certificate().serial(), shortLived.certificate().serial());
        clock.advance(Duration.ofDays(3));
        assertThat(authority.live()).extracting(IssuedCertificate::serial)
                .containsExactly(kept.certificate().serial());
    }

    @Test
    void theCrlStaysTheSameUntilARevocationOrHalfItsValidity() {
        Crl first = authority.currentCrl();
        clock.advance(Duration.ofDays(3));
        assertThat(authority.currentCrl()).isEqualTo(first);

        clock.advance(Duration.ofDays(1).plusSeconds(1));
        Crl refreshed = authority.currentCrl();
        CertifiedKey key = issued(authority.issue(IssueRequest.of("a@example.org", ALICE)));
        authority.revoke(key.certificate().serial(), RevocationReason.SUPERSEDED);
        Crl afterRevocation = authority.currentCrl();

        assertThat(first.entries()).isZero();
        assertThat(first.nextUpdate()).isEqualTo(first.thisUpdate().plus(Duration.ofDays(7)));
        assertThat(refreshed.number()).isEqualTo(first.number().add(BigInteger.ONE));
        assertThat(refreshed.thisUpdate()).isEqualTo(clock.instant());
        assertThat(afterRevocation.number()).isEqualTo(refreshed.number().add(BigInteger.ONE));
        assertThat(afterRevocation.entries()).isEqualTo(1);
    }

    @Test
    void countsEveryCreationAsATransactionOfItsMonth() {
        CaFixture.moveTo(clock, Instant.parse("2026-03-31T23:00:00Z"));
        issued(authority.issue(IssueRequest.of("a@example.org", ALICE)));
        issued(authority.issue(IssueRequest.of("b@example.org", ALICE)));
        CaFixture.moveTo(clock, Instant.parse("2026-04-01T00:00:00Z"));
        CertifiedKey revoked = issued(authority.issue(IssueRequest.of("c@example.org", ALICE)));
        authority.revoke(revoked.certificate().serial(), RevocationReason.UNSPECIFIED);
        authority.issue(IssueRequest.of("not an address", ALICE));

        assertThat(archive.creationsPerMonth()).containsExactly(Map.entry(YearMonth.of(2026, 3), 2),
                Map.entry(YearMonth.of(2026, 4), 1));
    }

    @Test
    void archivesTheKeySealedAndRecoversIt() {
        CertifiedKey key = issued(authority.issue(IssueRequest.of("a@example.org", ALICE)));
        String clear = Base64.getEncoder().encodeToString(key.privateKey().getEncoded());

        ArchivedCertificate entry = archive.find(key.certificate().serial()).orElseThrow();
        CertifiedKey recovered = authority.recover(key.certificate().serial()).orElseThrow();

        assertThat(entry.sealedKey()).doesNotContain(clear.substring(0, 40));
        assertThat(recovered.privateKey().getEncoded()).isEqualTo(key.privateKey().getEncoded());
        assertThat(recovered.certificate()).isEqualTo(key.certificate());
        assertThat(recovered.chain()).containsExactly(CaFixture.ecRoot().certificate());
        assertThat(authority.recover(BigInteger.TEN)).isEmpty();
    }

    @Test
    void aKeyThatCannotBeUnsealedIsAnArchiveFailureNamingTheSerial() {
        CertifiedKey key = issued(authority.issue(IssueRequest.of("a@example.org", ALICE)));
        BuiltInCertificateAuthority otherSealer = CaFixture.authority(CaFixture.ecRoot(), CaFixture.PROFILE, archive,
                new TestSealer(), clock);

        assertThatThrownBy(() -> otherSealer.recover(key.certificate().serial()))
                .isInstanceOfSatisfying(CaException.class,
                        e -> assertThat(e.code()).isEqualTo(CaException.Code.ARCHIVE_UNREADABLE))
                .hasMessageContaining(key.certificate().serialHex());
    }

    @Test
    void theSealerSeesTheKeyUnderAFieldNamedForTheSerial() {
        List<String> fields = new ArrayList<>();
        SecretCodec recording = new SecretCodec() {
            @Override
            public String seal(String field, Secret secret) {
                fields.add(field);
                return sealer.seal(field, secret);
            }

            @Override
            public Checked<Secret> open(String field, String stored) {
                return sealer.open(field, stored);
            }
        };
        BuiltInCertificateAuthority recorded = CaFixture.authority(CaFixture.ecRoot(), CaFixture.PROFILE, archive,
                recording, clock);

        CertifiedKey key = issued(recorded.issue(IssueRequest.of("a@example.org", ALICE)));

        assertThat(fields).containsExactly("ca.archive." + key.certificate().serialHex() + ".key");
    }

    @Test
    void noValueShowsAPrivateKeyInItsText() {
        CertifiedKey key = issued(authority.issue(IssueRequest.of("a@example.org", ALICE)));
        String encoded = Base64.getEncoder().encodeToString(key.privateKey().getEncoded());
        ArchivedCertificate entry = archive.find(key.certificate().serial()).orElseThrow();

        for (Object value : List.of(key, CaFixture.ecRoot(), entry, authority)) {
            assertThat(value.toString()).doesNotContain(encoded.substring(0, 24))
                    .doesNotContain(entry.sealedKey());
        }
        assertThat(key.toString()).contains("privateKey=(hidden)");
    }

    @Test
    void thePrivateRootIsACaForTenYears() {
        X509Certificate root = CaFixture.ecRoot().certificate();

        assertThat(root.getBasicConstraints()).isZero();
        assertThat(root.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(root.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(root.getNotAfter().toInstant())
                .isEqualTo(CaFixture.START.atOffset(ZoneOffset.UTC).plusYears(10).toInstant());
        assertThat(root.getSigAlgName()).isEqualTo("SHA384withECDSA");
        assertThat(CaFixture.rsaRoot().certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=Mailseal Test EC CA,O=Example Corp");
    }

    private static CertifiedKey issued(IssueResult result) {
        assertThat(result).isInstanceOf(IssueResult.Issued.class);
        return ((IssueResult.Issued) result).key();
    }
}
