package io.mailseal.keys.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.TestCertificates;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

class SmimeCertificateRulesTest {

    private static final EmailAddress ALICE = EmailAddress.parse("alice@example.com");
    private final SmimeCertificateRules rules =
            new SmimeCertificateRules(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void acceptsAnOrdinaryRecipientCertificate() throws Exception {
        assertThat(rules.check(ALICE, TestCertificates.forAddress("alice@example.com").build())).isEmpty();
    }

    @Test
    void matchesTheAddressIgnoringCase() throws Exception {
        assertThat(rules.check(ALICE, TestCertificates.forAddress("Alice@EXAMPLE.com").build())).isEmpty();
    }

    @Test
    void acceptsTheLegacyEmailAddressInTheSubject() throws Exception {
        X509Certificate legacy = TestCertificates.forAddress("x@example.com").noSubjectAltName("alice@example.com")
                .build();

        assertThat(rules.check(ALICE, legacy)).isEmpty();
        assertThat(SmimeCertificateRules.addresses(legacy)).containsExactly("alice@example.com");
    }

    @Test
    void rejectsACertificateForSomeoneElse() throws Exception {
        assertThat(reason(TestCertificates.forAddress("mallory@example.com").build()))
                .contains(RejectionReason.ADDRESS_MISMATCH);
        assertThat(rules.check(ALICE, TestCertificates.forAddress("mallory@example.com").build()).orElseThrow().detail())
                .isEqualTo("certificate is for mallory@example.com");
    }

    @Test
    void rejectsOutsideTheValidityPeriod() throws Exception {
        Optional<Rejection> expired = rules.check(ALICE, TestCertificates.forAddress("alice@example.com")
                .validity("2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z").build());
        assertThat(expired.orElseThrow().reason()).isEqualTo(RejectionReason.EXPIRED);
        assertThat(expired.orElseThrow().detail()).isEqualTo("expired on 2021-01-01T00:00:00Z");

        assertThat(reason(TestCertificates.forAddress("alice@example.com")
                .validity("2027-01-01T00:00:00Z", "2030-01-01T00:00:00Z").build()))
                .contains(RejectionReason.NOT_YET_VALID);
    }

    @Test
    void rejectsKeyUsageWithoutKeyEncipherment() throws Exception {
        assertThat(reason(TestCertificates.forAddress("alice@example.com").keyUsage(KeyUsage.digitalSignature).build()))
                .contains(RejectionReason.KEY_USAGE);
    }

    @Test
    void acceptsCertificatesWithoutKeyUsageOrExtendedKeyUsage() throws Exception {
        assertThat(rules.check(ALICE, TestCertificates.forAddress("alice@example.com").keyUsage(null)
                .extendedKeyUsage((KeyPurposeId[]) null).build())).isEmpty();
    }

    @Test
    void rejectsExtendedKeyUsageWithoutEmailProtection() throws Exception {
        assertThat(reason(TestCertificates.forAddress("alice@example.com")
                .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).build()))
                .contains(RejectionReason.EXTENDED_KEY_USAGE);
        assertThat(rules.check(ALICE, TestCertificates.forAddress("alice@example.com")
                .extendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage).build())).isEmpty();
    }

    @Test
    void rejectsCertificateAuthorities() throws Exception {
        assertThat(reason(TestCertificates.forAddress("alice@example.com").ca().build()))
                .contains(RejectionReason.CA_CERTIFICATE);
    }

    @Test
    void rejectsShortRsaKeys() throws Exception {
        Optional<Rejection> weak = rules.check(ALICE, TestCertificates.forAddress("alice@example.com").rsa(1024).build());

        assertThat(weak.orElseThrow().reason()).isEqualTo(RejectionReason.WEAK_KEY);
        assertThat(weak.orElseThrow().detail()).isEqualTo("RSA key of 1024 bits (minimum 2048)");
    }

    @Test
    void rejectsSha1Signatures() throws Exception {
        assertThat(reason(TestCertificates.forAddress("alice@example.com").signatureAlgorithm("SHA1withRSA").build()))
                .contains(RejectionReason.WEAK_SIGNATURE);
    }

    @Test
    void acceptsNistCurvesWithKeyAgreementAndRejectsOthers() throws Exception {
        int agreement = KeyUsage.digitalSignature | KeyUsage.keyAgreement;
        assertThat(rules.check(ALICE, TestCertificates.forAddress("alice@example.com").ec("secp256r1")
                .keyUsage(agreement).build())).isEmpty();
        assertThat(reason(TestCertificates.forAddress("alice@example.com").ec("secp256r1").build()))
                .as("keyEncipherment is not key agreement").contains(RejectionReason.KEY_USAGE);
        assertThat(reason(TestCertificates.forAddress("alice@example.com").ec("secp256k1").keyUsage(agreement).build()))
                .contains(RejectionReason.UNSUPPORTED);
    }

    @Test
    void selectsTheNewestUsableCertificateFirstAndExplainsTheRest() throws Exception {
        X509Certificate older = TestCertificates.forAddress("alice@example.com")
                .validity("2025-01-01T00:00:00Z", "2035-01-01T00:00:00Z").build();
        X509Certificate newer = TestCertificates.forAddress("alice@example.com")
                .validity("2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z").build();
        X509Certificate expired = TestCertificates.forAddress("alice@example.com")
                .validity("2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z").build();

        Selection selection = rules.select(ALICE, List.of(older, expired, newer));

        assertThat(selection.accepted()).extracting(key -> ((RecipientKey.Smime) key).certificate())
                .containsExactly(newer, older);
        assertThat(selection.rejected()).extracting(Rejection::reason).containsExactly(RejectionReason.EXPIRED);
        assertThat(selection.rejected().get(0).key().id()).isEqualTo(expired.getSerialNumber().toString(16));
    }

    private Optional<RejectionReason> reason(X509Certificate certificate) {
        return rules.check(ALICE, certificate).map(Rejection::reason);
    }
}
