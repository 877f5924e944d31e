package io.mailseal.it.keyserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.http.HkpKeySource;
import io.mailseal.keys.source.http.HttpFetcher;
import io.mailseal.testkit.http.SksServer;
import io.mailseal.testkit.identities.TestIdentities;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HKP key source against Debian's real SKS 1.1.6 on loopback (test-peers.md section 2): SKS searches by words and
 * ignores {@code exact=on}, so its answers hold keys that merely share words with the address; the source must accept
 * only the key whose user ID carries the address.
 */
class SksKeyServerIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path sksDir;

    private static SksServer sks;
    private static HkpKeySource source;

    @BeforeAll
    static void startSksWithKeys() {
        sks = SksServer.start(sksDir);
        for (String identity : new String[] {"bob", "carol", "dave-expired", "erin-revoked"}) {
            sks.addKey(TestIdentities.bytes(identity + ".asc"));
        }
        HttpFetcher fetcher = new HttpFetcher(HttpFetcher.Settings.DEFAULTS
                .withConnectTimeout(Duration.ofSeconds(2)).withRequestTimeout(Duration.ofSeconds(10)));
        source = HkpKeySource.fromUrl(sks.hkpUrl(), fetcher, CLOCK).value().orElseThrow();
    }

    @AfterAll
    static void stopSks() {
        if (sks != null) {
            sks.close();
            assertThat(sks.isAlive()).isFalse();
        }
    }

    @Test
    void findsBobsKeyForHisAddress() {
        SourceResponse response = source.lookup(EmailAddress.parse("bob@example.com"));

        assertThat(response.status()).as(response.message()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).singleElement().satisfies(key -> {
            assertThat(key.summary().id()).isEqualTo(TestIdentities.pgpFingerprint("bob"));
            assertThat(((RecipientKey.Pgp) key).encryptionFingerprint())
                    .isEqualTo(TestIdentities.property("bob.pgp.encryptionSubkeys"));
        });
        assertThat(response.rejected())
                .as("whatever else SKS's word search returned is rejected as a loose match")
                .allSatisfy(rejection -> assertThat(rejection.reason()).isEqualTo(RejectionReason.ADDRESS_MISMATCH));
    }

    @Test
    void rejectsTheKeysAWordSearchReturnsForAnAddressNobodyHas() {
        // the words "test", "example" and "com" are in every uploaded user ID ("Bob Test <bob@example.com>", ...)
        SourceResponse response = source.lookup(EmailAddress.parse("test@example.com"));

        assertThat(response.status()).as(response.message()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.accepted()).isEmpty();
        assertThat(response.rejected()).extracting(rejection -> rejection.key().id())
                .containsExactlyInAnyOrder(TestIdentities.pgpFingerprint("bob"), TestIdentities.pgpFingerprint("carol"),
                        TestIdentities.pgpFingerprint("dave-expired"), TestIdentities.pgpFingerprint("erin-revoked"));
        assertThat(response.rejected())
                .filteredOn(rejection -> !rejection.key().id().equals(TestIdentities.pgpFingerprint("erin-revoked")))
                .extracting(Rejection::reason)
                .as("usable keys of other people are loose matches")
                .containsOnly(RejectionReason.ADDRESS_MISMATCH);
    }

    @Test
    void findsCarolsCurve25519Key() {
        SourceResponse response = source.lookup(EmailAddress.parse("carol@example.com"));

        assertThat(response.status()).as(response.message()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(key -> key.summary().id())
                .containsExactly(TestIdentities.pgpFingerprint("carol"));
    }

    @Test
    void rejectsAnExpiredAndARevokedKeyWithTheirReasons() {
        SourceResponse dave = source.lookup(EmailAddress.parse("dave@example.com"));
        SourceResponse erin = source.lookup(EmailAddress.parse("erin@example.com"));

        assertThat(dave.status()).as(dave.message()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(dave.rejected()).filteredOn(r -> r.key().id().equals(TestIdentities.pgpFingerprint("dave-expired")))
                .extracting(Rejection::reason).containsExactly(RejectionReason.EXPIRED);
        assertThat(erin.status()).as(erin.message()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(erin.rejected()).filteredOn(r -> r.key().id().equals(TestIdentities.pgpFingerprint("erin-revoked")))
                .extracting(Rejection::reason).containsExactly(RejectionReason.REVOKED);
    }

    @Test
    void anAddressSksDoesNotKnowIsNotFound() {
        SourceResponse response = source.lookup(EmailAddress.parse("nobody@nowhere.example"));

        assertThat(response.status()).as(response.message()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.rejected()).isEmpty();
    }
}
