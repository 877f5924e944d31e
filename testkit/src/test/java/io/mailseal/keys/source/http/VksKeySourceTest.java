package io.mailseal.keys.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.testkit.http.KeyServerStub;
import io.mailseal.testkit.http.KeyServerStub.Answer;
import io.mailseal.testkit.identities.TestIdentities;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VksKeySourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final EmailAddress BOB = EmailAddress.parse("bob@example.com");
    private static final String BOB_PATH = "/vks/v1/by-email/bob%40example.com";
    private static final HttpFetcher FETCHER = new HttpFetcher(HttpFetcher.Settings.DEFAULTS
            .withConnectTimeout(Duration.ofSeconds(2)).withRequestTimeout(Duration.ofSeconds(5)));

    @RegisterExtension
    final KeyServerStub server = new KeyServerStub();

    private VksKeySource source() {
        return new VksKeySource(server.baseUri(), FETCHER, CLOCK);
    }

    @Test
    void findsTheVerifiedKeyByEmail() {
        server.answer(BOB_PATH, Answer.armored(TestIdentities.bytes("bob.asc")));

        SourceResponse response = source().lookup(BOB);

        assertThat(response.source()).isEqualTo(SourceName.VKS);
        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(key -> key.summary().id())
                .containsExactly(TestIdentities.pgpFingerprint("bob"));
        assertThat(server.requests()).singleElement().satisfies(request ->
                assertThat(request.pathAndQuery()).isEqualTo(BOB_PATH));
    }

    @Test
    void http404IsNotFound() {
        server.answer(BOB_PATH, Answer.notFound());

        assertThat(source().lookup(BOB).status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
    }

    @Test
    void aKeyForAnotherAddressIsRejected() {
        server.answer(BOB_PATH, Answer.armored(TestIdentities.bytes("carol.asc")));

        SourceResponse response = source().lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.rejected()).extracting(Rejection::reason)
                .containsExactly(RejectionReason.ADDRESS_MISMATCH);
    }

    @Test
    void theRateLimitIsAnErrorThatSaysSo() {
        server.answer(BOB_PATH, Answer.text(429, "rate limit exceeded"));

        SourceResponse response = source().lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).isEqualTo("VKS 127.0.0.1:" + server.port()
                + " answered HTTP 429: rate limit exceeded (rate limit for address lookups)");
    }

    @Test
    void aPathInTheBaseUrlIsKept() {
        server.answer("/hagrid" + BOB_PATH, Answer.armored(TestIdentities.bytes("bob.asc")));

        SourceResponse response = VksKeySource.fromUrl(server.baseUri() + "/hagrid/", FETCHER, CLOCK)
                .value().orElseThrow().lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
    }

    @Test
    void theDefaultIsKeysOpenpgpOrg() {
        assertThat(VksKeySource.keysOpenpgpOrg(FETCHER, CLOCK).lookupUri(BOB))
                .isEqualTo(URI.create("https://keys.openpgp.org:443/vks/v1/by-email/bob%40example.com"));
    }

    @Test
    void aBadBaseUrlNamesTheSetting() {
        assertThat(VksKeySource.fromUrl("hkp://keys.openpgp.org", FETCHER, CLOCK).problems()).singleElement()
                .asString().isEqualTo("pgp.vks.url: scheme hkp:// is not supported; use http://, https://");
    }
}
