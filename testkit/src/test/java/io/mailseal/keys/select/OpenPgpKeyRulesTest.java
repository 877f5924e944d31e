package io.mailseal.keys.select;

import static io.mailseal.testkit.identities.TestIdentities.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.format.OpenPgpKeyReader;
import io.mailseal.testkit.identities.TestIdentities;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.junit.jupiter.api.Test;

/** The OpenPGP rules against keys made by GnuPG 2.2 (the named test identities). */
class OpenPgpKeyRulesTest {

    private final OpenPgpKeyRules rules =
            new OpenPgpKeyRules(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void acceptsBobsRsaKeyAndEncryptsToItsSubkey() {
        RecipientKey.Pgp key = usable("bob", "bob@example.com");

        assertThat(key.summary().id()).isEqualTo(property("bob.pgp.fingerprint"));
        assertThat(key.encryptionFingerprint()).isEqualTo(property("bob.pgp.encryptionSubkeys"));
        assertThat(key.userId()).isEqualTo("Bob Test <bob@example.com>");
        assertThat(key.expires()).isNull();
    }

    @Test
    void acceptsCarolsCurve25519Key() {
        assertThat(usable("carol", "Carol@Example.com").encryptionFingerprint())
                .isEqualTo(property("carol.pgp.encryptionSubkeys"));
    }

    @Test
    void choosesTheNewestOfTwoEncryptionSubkeys() {
        assertThat(usable("peggy-two-subkeys", "peggy@example.com").encryptionFingerprint())
                .isEqualTo(property("peggy-two-subkeys.pgp.newestEncryptionSubkey"));
    }

    @Test
    void rejectsAnExpiredKey() {
        Rejection rejection = rejected("dave-expired", "dave@example.com");

        assertThat(rejection.reason()).isEqualTo(RejectionReason.EXPIRED);
        assertThat(rejection.detail()).startsWith("expired on 2020-12-3");
        assertThat(rejection.key().id()).isEqualTo(property("dave-expired.pgp.fingerprint"));
    }

    @Test
    void rejectsARevokedKey() {
        assertThat(rejected("erin-revoked", "erin@example.com").reason()).isEqualTo(RejectionReason.REVOKED);
    }

    @Test
    void rejectsAKeyWhoseUserIdWithTheAddressIsRevokedButAcceptsItsOtherAddress() {
        assertThat(rejected("mallory-uid-revoked", "mallory@example.com").reason())
                .isEqualTo(RejectionReason.USER_ID_REVOKED);
        assertThat(usable("mallory-uid-revoked", property("mallory-uid-revoked.otherAddress")).userId())
                .isEqualTo("Mallory Other <mallory@other.example>");
    }

    @Test
    void rejectsASignOnlyKey() {
        assertThat(rejected("oscar-sign-only", "oscar@example.com").reason())
                .isEqualTo(RejectionReason.NO_ENCRYPTION_KEY);
    }

    @Test
    void rejectsAKeyForAnotherAddressNamingItsUserIds() {
        Rejection rejection = rejected("bob", "carol@example.com");

        assertThat(rejection.reason()).isEqualTo(RejectionReason.ADDRESS_MISMATCH);
        assertThat(rejection.detail()).isEqualTo(
                "no user ID with carol@example.com (user IDs: Bob Test <bob@example.com>)");
    }

    @Test
    void beforeItExpiredDavesKeyWasUsable() {
        OpenPgpKeyRules in2020 = new OpenPgpKeyRules(Clock.fixed(Instant.parse("2020-06-01T00:00:00Z"),
                ZoneOffset.UTC));

        assertThat(in2020.check(EmailAddress.parse("dave@example.com"), ring("dave-expired")))
                .isInstanceOf(OpenPgpKeyRules.Usable.class);
    }

    @Test
    void readsTheAddressOfAUserId() {
        assertThat(OpenPgpKeyRules.addressOf("Bob Test (work) <bob@example.com>")).contains(
                EmailAddress.parse("bob@example.com"));
        assertThat(OpenPgpKeyRules.addressOf("bob@example.com")).contains(EmailAddress.parse("bob@example.com"));
        assertThat(OpenPgpKeyRules.addressOf("Bob Test")).isEmpty();
    }

    private RecipientKey.Pgp usable(String name, String address) {
        OpenPgpKeyRules.Outcome outcome = rules.check(EmailAddress.parse(address), ring(name));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(OpenPgpKeyRules.Usable.class);
        return ((OpenPgpKeyRules.Usable) outcome).key();
    }

    private Rejection rejected(String name, String address) {
        OpenPgpKeyRules.Outcome outcome = rules.check(EmailAddress.parse(address), ring(name));
        assertThat(outcome).as(outcome.toString()).isInstanceOf(OpenPgpKeyRules.Rejected.class);
        return ((OpenPgpKeyRules.Rejected) outcome).rejection();
    }

    static PGPPublicKeyRing ring(String name) {
        OpenPgpKeyReader.Result result = new OpenPgpKeyReader().read(TestIdentities.bytes(name + ".asc"));
        List<PGPPublicKeyRing> rings = ((OpenPgpKeyReader.Read) result).keyRings();
        assertThat(rings).hasSize(1);
        return rings.get(0);
    }
}
