package io.mailseal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.identities.TestIdentities;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Uploaded signing keys: usable ones show their facts, every unusable one says why. */
class SigningKeyCheckTest {

    private final SigningKeyCheck check = new SigningKeyCheck(new ManualClock("2025-06-01T00:00:00Z"));

    private SigningKeyCheck.Reason refusal(SigningKeyCheck.Result result) {
        assertThat(result).isInstanceOf(SigningKeyCheck.Refused.class);
        SigningKeyCheck.Refused refused = (SigningKeyCheck.Refused) result;
        assertThat(refused.detail()).doesNotContain("test");
        return refused.reason();
    }

    @Test
    void aPkcs12WithOneKeyForSigningMailShowsItsAddressSubjectFingerprintAndValidity() {
        SigningKeyCheck.Result result = check.smime(TestIdentities.bytes("alice.p12"), "test".toCharArray());

        assertThat(result).isInstanceOfSatisfying(SigningKeyCheck.Usable.class, usable -> {
            assertThat(usable.details().addresses()).containsExactly("alice@example.com");
            assertThat(usable.details().subject()).contains("CN=Alice Test");
            assertThat(usable.details().issuer()).contains("CN=Mailseal Test CA");
            assertThat(usable.details().fingerprint()).isEqualTo(TestIdentities.property("alice.smime.sha256"));
            assertThat(usable.details().notAfter()).hasToString("2035-01-01T00:00:00Z");
            assertThat(usable.details().algorithm()).isEqualTo("RSA 2048");
            assertThat(usable.details().signsFor("Alice@EXAMPLE.com")).isTrue();
            assertThat(usable.details().signsFor("bob@example.com")).isFalse();
        });
    }

    @Test
    void anEcPkcs12IsUsable() {
        assertThat(check.smime(TestIdentities.bytes("carol.p12"), "test".toCharArray()))
                .isInstanceOf(SigningKeyCheck.Usable.class);
    }

    @Test
    void aWrongPasswordIsRefusedAsSuch() {
        assertThat(refusal(check.smime(TestIdentities.bytes("alice.p12"), "wrong".toCharArray())))
                .isEqualTo(SigningKeyCheck.Reason.WRONG_PASSWORD);
    }

    @Test
    void aPkcs12WithTwoPrivateKeysIsRefused() {
        assertThat(refusal(check.smime(TestIdentities.bytes("alice-and-carol.p12"), "testtest".toCharArray())))
                .isEqualTo(SigningKeyCheck.Reason.SEVERAL_PRIVATE_KEYS);
    }

    @Test
    void anExpiredCertificateIsRefused() {
        assertThat(refusal(check.smime(TestIdentities.bytes("dave-expired.p12"), "test".toCharArray())))
                .isEqualTo(SigningKeyCheck.Reason.EXPIRED);
    }

    @Test
    void aCertificateForServersOnlyIsNotForSigningMail() {
        assertThat(refusal(check.smime(TestIdentities.bytes("frank-wrong-eku.p12"), "test".toCharArray())))
                .isEqualTo(SigningKeyCheck.Reason.NOT_FOR_SIGNING);
    }

    @Test
    void somethingElseIsNotAPkcs12() {
        assertThat(refusal(check.smime(TestIdentities.bytes("bob-secret.asc"), "test".toCharArray())))
                .isEqualTo(SigningKeyCheck.Reason.NOT_A_KEY);
        assertThat(refusal(check.smime(TestIdentities.bytes("alice.crt"), "test".toCharArray())))
                .isEqualTo(SigningKeyCheck.Reason.NOT_A_KEY);
    }

    @Test
    void anEmptyOrTooLargeFileIsRefusedBeforeParsing() {
        assertThat(refusal(check.smime(new byte[0], new char[0]))).isEqualTo(SigningKeyCheck.Reason.EMPTY);
        assertThat(refusal(check.pgp(new byte[SigningKeyCheck.MAX_BYTES + 1], new char[0])))
                .isEqualTo(SigningKeyCheck.Reason.TOO_LARGE);
    }

    @Test
    void aProtectedPgpSecretKeyUnlocksWithItsPassphraseAndShowsItsUserIdAndSigningKey() {
        SigningKeyCheck.Result result = check.pgp(TestIdentities.bytes("bob-secret-protected.asc"),
                "test".toCharArray());

        assertThat(result).isInstanceOfSatisfying(SigningKeyCheck.Usable.class, usable -> {
            assertThat(usable.details().addresses()).containsExactly("bob@example.com");
            assertThat(usable.details().subject()).isEqualTo("Bob Test <bob@example.com>");
            assertThat(usable.details().fingerprint()).isEqualTo(TestIdentities.pgpFingerprint("bob"));
            assertThat(usable.details().signingKey()).isEqualTo(TestIdentities.pgpFingerprint("bob"));
            assertThat(usable.details().notAfter()).isNull();
            assertThat(usable.details().algorithm()).isEqualTo("RSA 3072");
        });
    }

    @Test
    void aWrongPassphraseIsRefusedAsSuch() {
        assertThat(refusal(check.pgp(TestIdentities.bytes("bob-secret-protected.asc"), "wrong".toCharArray())))
                .isEqualTo(SigningKeyCheck.Reason.WRONG_PASSWORD);
    }

    @Test
    void aBinaryUnprotectedSecretKeyIsUsable() {
        byte[] armored = TestIdentities.bytes("carol-secret.asc");
        assertThat(check.pgp(dearmor(armored), new char[0])).isInstanceOf(SigningKeyCheck.Usable.class);
    }

    @Test
    void aPublicKeyExpiredKeyRevokedKeyOrTextIsRefusedWithItsReason() {
        assertThat(refusal(check.pgp(TestIdentities.bytes("bob.asc"), new char[0])))
                .isEqualTo(SigningKeyCheck.Reason.NO_PRIVATE_KEY);
        assertThat(refusal(check.pgp(TestIdentities.bytes("dave-expired-secret.asc"), new char[0])))
                .isEqualTo(SigningKeyCheck.Reason.EXPIRED);
        assertThat(refusal(check.pgp(TestIdentities.bytes("erin-revoked-secret.asc"), new char[0])))
                .isEqualTo(SigningKeyCheck.Reason.REVOKED);
        assertThat(refusal(check.pgp("hello".getBytes(StandardCharsets.UTF_8), new char[0])))
                .isEqualTo(SigningKeyCheck.Reason.NOT_A_KEY);
        assertThat(refusal(check.pgp(TestIdentities.bytes("alice.p12"), new char[0])))
                .isEqualTo(SigningKeyCheck.Reason.NOT_A_KEY);
    }

    private static byte[] dearmor(byte[] armored) {
        try (java.io.InputStream in = org.bouncycastle.bcpg.ArmoredInputStream.builder()
                .build(new java.io.ByteArrayInputStream(armored))) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
