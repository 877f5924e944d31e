package io.mailseal.crypto.pgp;

import static io.mailseal.crypto.pgp.PgpFixtures.CLOCK;
import static io.mailseal.testkit.identities.TestIdentities.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.testkit.identities.TestIdentities;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading and unlocking signing keys: every bad input is a problem value. */
class PgpSigningKeyTest {

    @Test
    void unlocksAProtectedKeyWithTheRightPassphrase() throws Exception {
        PgpSigningKey.Result result = PgpSigningKey.fromArmoredSecretKey(
                PgpFixtures.protectedSecretKey("bob", "correct horse"), "correct horse".toCharArray(),
                "bob@example.com", CLOCK);

        assertThat(result).isInstanceOfSatisfying(PgpSigningKey.Loaded.class, loaded -> {
            assertThat(loaded.key().userId()).isEqualTo("Bob Test <bob@example.com>");
            assertThat(loaded.key().signingFingerprint()).isEqualTo(property("bob.pgp.fingerprint"));
            assertThat(loaded.key().toString()).contains("Bob Test").doesNotContain("correct horse");
        });
    }

    @Test
    void aWrongPassphraseIsAProblem() throws Exception {
        PgpSigningKey.Result result = PgpSigningKey.fromArmoredSecretKey(
                PgpFixtures.protectedSecretKey("bob", "correct horse"), "wrong".toCharArray(), "bob@example.com",
                CLOCK);

        assertThat(result).isInstanceOfSatisfying(PgpSigningKey.Problem.class, problem -> {
            assertThat(problem.reason()).isEqualTo(PgpSigningKey.Reason.WRONG_PASSPHRASE);
            assertThat(problem.detail()).contains(property("bob.pgp.fingerprint")).doesNotContain("wrong");
        });
    }

    @Test
    void aPublicKeyIsNotASecretKey() {
        assertThat(problem(TestIdentities.bytes("bob.asc"), "bob@example.com").reason())
                .isEqualTo(PgpSigningKey.Reason.NOT_A_SECRET_KEY);
    }

    @Test
    void textThatIsNoKeyIsMalformed() {
        assertThat(problem("hello".getBytes(StandardCharsets.US_ASCII), "bob@example.com").reason())
                .isEqualTo(PgpSigningKey.Reason.MALFORMED);
        assertThat(problem(new byte[0], "bob@example.com").reason()).isEqualTo(PgpSigningKey.Reason.MALFORMED);
    }

    @Test
    void aKeyWithoutTheUserIdIsAProblem() {
        assertThat(problem(TestIdentities.bytes("bob-secret.asc"), "carol@example.com").reason())
                .isEqualTo(PgpSigningKey.Reason.USER_ID_NOT_FOUND);
    }

    @Test
    void anExpiredKeyHasNoValidSigningKey() {
        assertThat(problem(TestIdentities.bytes("dave-expired-secret.asc"), "dave@example.com").reason())
                .isIn(PgpSigningKey.Reason.NO_SIGNING_KEY, PgpSigningKey.Reason.USER_ID_NOT_FOUND);
    }

    @Test
    void acceptsTheFullUserIdAsWellAsTheAddress() {
        assertThat(PgpSigningKey.fromArmoredSecretKey(TestIdentities.bytes("carol-secret.asc"), null,
                "Carol Test <carol@example.com>", CLOCK)).isInstanceOf(PgpSigningKey.Loaded.class);
    }

    private static PgpSigningKey.Problem problem(byte[] input, String userId) {
        PgpSigningKey.Result result = PgpSigningKey.fromArmoredSecretKey(input, new char[0], userId, CLOCK);
        assertThat(result).isInstanceOf(PgpSigningKey.Problem.class);
        return (PgpSigningKey.Problem) result;
    }
}
