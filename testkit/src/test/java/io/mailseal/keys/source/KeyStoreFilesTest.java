package io.mailseal.keys.source;

import static io.mailseal.testkit.identities.TestIdentities.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySummary;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceResponse;
import io.mailseal.testkit.identities.TestIdentities;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The key store file source on the named identities' key stores: every S/MIME rule and the PGP formats. */
class KeyStoreFilesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"smime-keystore.p7b", "smime-keystore-pem.p7b", "smime-keystore.bks"})
    void picksAlicesNewestCertificateFromEveryStoreFormat(String file) {
        SourceResponse response = smime(file).lookup(EmailAddress.parse("alice@example.com"));

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(k -> k.summary().id())
                .containsExactly(property("alice.smime.serial"), property("alice-old.smime.serial"));
    }

    @ParameterizedTest
    @CsvSource({
            "dave@example.com, EXPIRED",
            "frank@example.com, EXTENDED_KEY_USAGE",
            "grace@example.com, KEY_USAGE",
            "ivan@example.com, WEAK_KEY",
            "judy@example.com, CA_CERTIFICATE"})
    void explainsEveryRejectedCertificate(String address, RejectionReason reason) {
        SourceResponse response = smime("smime-keystore.p7b").lookup(EmailAddress.parse(address));

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.rejected()).extracting(Rejection::reason).containsExactly(reason);
    }

    @Test
    void findsHeidiByTheLegacyAddressInHerSubjectAndCarolsEcCertificate() {
        KeyStoreFileSource<?> store = smime("smime-keystore.p7b");

        assertThat(store.lookup(EmailAddress.parse("heidi@example.com")).status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(store.lookup(EmailAddress.parse("carol@example.com")).accepted())
                .extracting(k -> k.summary().id()).containsExactly(property("carol.smime.serial"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pgp-pubring.kbx", "pgp-keyring.gpg", "pgp-concatenated.asc"})
    void findsBobInEveryPgpStoreFormat(String file) {
        SourceResponse response = pgp(file).lookup(EmailAddress.parse("bob@example.com"));

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        RecipientKey.Pgp bob = (RecipientKey.Pgp) response.accepted().get(0);
        assertThat(bob.encryptionFingerprint()).isEqualTo(property("bob.pgp.encryptionSubkeys"));
    }

    @Test
    void reportsRevokedAndExpiredKeysInTheKeyring() {
        KeyStoreFileSource<?> keyring = pgp("pgp-keyring.gpg");

        assertThat(keyring.lookup(EmailAddress.parse("erin@example.com")).rejected())
                .extracting(Rejection::reason).containsExactly(RejectionReason.REVOKED);
        assertThat(keyring.lookup(EmailAddress.parse("dave@example.com")).rejected())
                .extracting(r -> r.key()).extracting(KeySummary::id)
                .containsExactly(property("dave-expired.pgp.fingerprint"));
        assertThat(keyring.status().keys()).isEqualTo(4);
        assertThat(keyring.status().format()).isEqualTo("BINARY");
    }

    private KeyStoreFileSource<?> smime(String file) {
        return KeyStoreFileSource.of(TestIdentities.copyTo(dir, file),
                KeyFileFormat.smime(CryptoRuntime.create(), CLOCK), CLOCK);
    }

    private KeyStoreFileSource<?> pgp(String file) {
        return KeyStoreFileSource.of(TestIdentities.copyTo(dir, file), KeyFileFormat.pgp(CLOCK), CLOCK);
    }
}
