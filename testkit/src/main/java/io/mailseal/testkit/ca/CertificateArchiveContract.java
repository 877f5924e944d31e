package io.mailseal.testkit.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.ca.ArchivedCertificate;
import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.CaProfile;
import io.mailseal.ca.CertificateArchive;
import io.mailseal.ca.Holder;
import io.mailseal.ca.IssueRequest;
import io.mailseal.ca.IssueResult;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.ca.IssuingCa;
import io.mailseal.ca.KeySpec;
import io.mailseal.ca.Revocation;
import io.mailseal.ca.RevocationReason;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.settings.SecretCodec;
import io.mailseal.testkit.store.InMemoryCertificateArchive;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CertificateArchive} must do; an implementation's test extends this and supplies a fresh archive.
 * The entries carry real certificates (four, issued once per JVM by a scratch EC CA) and placeholder sealed keys.
 */
public abstract class CertificateArchiveContract {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private static final List<IssuedCertificate> CERTIFICATES = new ArrayList<>();

    private CertificateArchive archive;

    /**
     * A new, empty archive.
     *
     * @return the archive under test
     */
    protected abstract CertificateArchive newArchive();

    @BeforeAll
    static void issueSomeCertificates() {
        synchronized (CERTIFICATES) {
            if (!CERTIFICATES.isEmpty()) {
                return;
            }
            CryptoRuntime crypto = CryptoRuntime.create();
            IssuingCa root = IssuingCa.createPrivateRoot(CaKeySpec.EC_P384, "Mailseal Contract CA", null, START,
                    crypto);
            BuiltInCertificateAuthority scratch = new BuiltInCertificateAuthority(root,
                    CaProfile.defaults(URI.create("https://confluence.example.com/plugins/servlet/mailseal/crl"))
                            .withDefaultKey(KeySpec.EC_P256),
                    new InMemoryCertificateArchive(), SecretCodec.PLAIN, crypto, Clock.fixed(START, ZoneOffset.UTC));
            for (int i = 0; i < 4; i++) {
                IssueResult result = scratch.issue(IssueRequest.of("user" + i + "@example.org",
                        new Holder.Person("User", "Number" + i)));
                CERTIFICATES.add(((IssueResult.Issued) result).key().certificate());
            }
        }
    }

    @BeforeEach
    void createArchive() {
        archive = newArchive();
    }

    @Test
    void findsAStoredEntryByItsSerialWithTheSealedKeyAsGiven() {
        ArchivedCertificate entry = entry(0, "2026-03-01T10:00:00Z");

        archive.store(entry);

        assertThat(archive.find(entry.serial())).contains(entry);
        assertThat(archive.find(entry.serial()).orElseThrow().sealedKey()).isEqualTo("sealed-0");
        assertThat(archive.find(BigInteger.TEN)).isEmpty();
    }

    @Test
    void refusesASecondEntryWithTheSameSerial() {
        archive.store(entry(0, "2026-03-01T10:00:00Z"));

        assertThatThrownBy(() -> archive.store(entry(0, "2026-03-02T10:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToStoreARevokedEntry() {
        ArchivedCertificate entry = entry(0, "2026-03-01T10:00:00Z");

        assertThatThrownBy(() -> archive.store(entry.revoked(new Revocation(entry.serial(), Instant.parse(
                "2026-03-01T11:00:00Z"), RevocationReason.SUPERSEDED)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsEntriesOldestFirst() {
        archive.store(entry(0, "2026-03-05T10:00:00Z"));
        archive.store(entry(1, "2026-03-01T10:00:00Z"));
        archive.store(entry(2, "2026-03-03T10:00:00Z"));

        assertThat(archive.entries()).extracting(e -> e.certificate().issuedAt().toString())
                .containsExactly("2026-03-01T10:00:00Z", "2026-03-03T10:00:00Z", "2026-03-05T10:00:00Z");
    }

    @Test
    void recordsARevocationOnceAndKeepsTheFirst() {
        ArchivedCertificate entry = entry(0, "2026-03-01T10:00:00Z");
        archive.store(entry);
        Revocation first = new Revocation(entry.serial(), Instant.parse("2026-04-01T00:00:00Z"),
                RevocationReason.KEY_COMPROMISE);

        ArchivedCertificate revoked = archive.recordRevocation(first);

        assertThat(revoked.findRevocation()).contains(first);
        assertThat(archive.find(entry.serial()).orElseThrow().findRevocation()).contains(first);
        assertThatThrownBy(() -> archive.recordRevocation(new Revocation(entry.serial(),
                Instant.parse("2026-05-01T00:00:00Z"), RevocationReason.SUPERSEDED)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(archive.find(entry.serial()).orElseThrow().findRevocation()).contains(first);
    }

    @Test
    void refusesToRevokeAnUnknownSerial() {
        assertThatThrownBy(() -> archive.recordRevocation(new Revocation(BigInteger.TWO,
                Instant.parse("2026-04-01T00:00:00Z"), RevocationReason.UNSPECIFIED)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsCreationsPerUtcMonth() {
        archive.store(entry(0, "2026-01-31T23:59:59Z"));
        archive.store(entry(1, "2026-02-01T00:00:00Z"));
        archive.store(entry(2, "2026-02-28T12:00:00Z"));
        archive.store(entry(3, "2026-04-10T08:00:00Z"));

        assertThat(archive.creationsPerMonth()).containsExactly(
                Map.entry(YearMonth.of(2026, 1), 1), Map.entry(YearMonth.of(2026, 2), 2),
                Map.entry(YearMonth.of(2026, 4), 1));
    }

    @Test
    void revokedCertificatesStillCountAsCreations() {
        ArchivedCertificate entry = entry(0, "2026-03-01T10:00:00Z");
        archive.store(entry);
        archive.recordRevocation(new Revocation(entry.serial(), Instant.parse("2026-03-02T00:00:00Z"),
                RevocationReason.CESSATION_OF_OPERATION));

        assertThat(archive.creationsPerMonth()).containsExactly(Map.entry(YearMonth.of(2026, 3), 1));
    }

    @Test
    void handsOutCrlNumbersFromOneUpwardsNeverTwice() {
        assertThat(List.of(archive.nextCrlNumber(), archive.nextCrlNumber(), archive.nextCrlNumber()))
                .containsExactly(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3));
    }

    private static ArchivedCertificate entry(int index, String issuedAt) {
        IssuedCertificate issued = CERTIFICATES.get(index);
        return new ArchivedCertificate(new IssuedCertificate(issued.certificate(), issued.address(), issued.holder(),
                issued.keySpec(), Instant.parse(issuedAt)), "sealed-" + index, null);
    }
}
