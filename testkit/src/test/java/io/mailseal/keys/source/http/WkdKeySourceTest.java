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
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WkdKeySourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final EmailAddress BOB = EmailAddress.parse("bob@example.com");
    private static final String BOB_HASH = WkdKeySource.hash("bob");
    private static final String ADVANCED = "/.well-known/openpgpkey/example.com/hu/" + BOB_HASH;
    private static final String DIRECT = "/.well-known/openpgpkey/hu/" + BOB_HASH;
    private static final HttpFetcher.Settings FAST = HttpFetcher.Settings.DEFAULTS
            .withConnectTimeout(Duration.ofSeconds(2)).withRequestTimeout(Duration.ofSeconds(5));

    @RegisterExtension
    final KeyServerStub server = new KeyServerStub();

    /** Both hosts (openpgpkey.example.com and example.com) served by the stub; their paths differ. */
    private WkdKeySource source() {
        return source(FAST, host -> server.baseUri());
    }

    private static WkdKeySource source(HttpFetcher.Settings settings, Function<String, URI> hosts) {
        return new WkdKeySource(new HttpFetcher(settings), CLOCK, hosts);
    }

    @Test
    void theHashIsZBase32OfTheSha1OfTheLowerCasedLocalPart() {
        assertThat(WkdKeySource.hash("Joe.Doe")).isEqualTo("iy9q119eutrkn8s1mk4r39qejnbu3n5q");
        assertThat(WkdKeySource.hash("joe.doe")).isEqualTo("iy9q119eutrkn8s1mk4r39qejnbu3n5q");
    }

    @Test
    void zBase32EncodesBitsMostSignificantFirstWithTheHumanOrientedAlphabet() {
        assertThat(ZBase32.encode(new byte[0])).isEmpty();
        assertThat(ZBase32.encode(new byte[] {0})).isEqualTo("yy");
        assertThat(ZBase32.encode(new byte[] {(byte) 0xff})).isEqualTo("9h");
        assertThat(ZBase32.encode(new byte[20])).hasSize(32).matches("y{32}");
        assertThat(ZBase32.encode("a".getBytes(StandardCharsets.US_ASCII))).isEqualTo("cr");
    }

    @Test
    void theUrlsAreTheDraftsAdvancedAndDirectOnes() {
        WkdKeySource source = new WkdKeySource(HttpFetcher.withDefaults(), CLOCK);
        EmailAddress joe = EmailAddress.parse("Joe.Doe@Example.ORG");

        assertThat(source.advancedUri(joe)).hasToString("https://openpgpkey.example.org/.well-known/openpgpkey/"
                + "example.org/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe");
        assertThat(source.directUri(joe)).hasToString("https://example.org/.well-known/openpgpkey/hu/"
                + "iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe");
    }

    @Test
    void findsTheKeyWithTheAdvancedMethodAndStopsThere() {
        server.answer(ADVANCED, Answer.binaryKeys(TestIdentities.bytes("bob.pgp")));

        SourceResponse response = source().lookup(BOB);

        assertThat(response.source()).isEqualTo(SourceName.WKD);
        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(key -> key.summary().id())
                .containsExactly(TestIdentities.pgpFingerprint("bob"));
        assertThat(server.requests()).extracting(KeyServerStub.RecordedRequest::pathAndQuery)
                .containsExactly(ADVANCED + "?l=bob");
    }

    @Test
    void fallsBackToTheDirectMethodWhenTheAdvancedOneHasNoKey() {
        server.answer(ADVANCED, Answer.notFound());
        server.answer(DIRECT, Answer.binaryKeys(TestIdentities.bytes("bob.pgp")));

        SourceResponse response = source().lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(key -> key.summary().id())
                .containsExactly(TestIdentities.pgpFingerprint("bob"));
        assertThat(server.requests()).extracting(KeyServerStub.RecordedRequest::pathAndQuery)
                .containsExactly(ADVANCED + "?l=bob", DIRECT + "?l=bob");
    }

    @Test
    void fallsBackToTheDirectMethodWhenTheOpenpgpkeySubdomainIsNotThere() throws IOException {
        URI nobody = URI.create("http://127.0.0.1:" + HkpKeySourceTest.freePort());
        server.answer(DIRECT, Answer.binaryKeys(TestIdentities.bytes("bob.pgp")));

        SourceResponse response = source(FAST, host -> host.startsWith("openpgpkey.") ? nobody : server.baseUri())
                .lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(server.requests()).extracting(KeyServerStub.RecordedRequest::path).containsExactly(DIRECT);
    }

    @Test
    void asksEachMethodWithItsOwnHostName() {
        List<String> asked = new CopyOnWriteArrayList<>();

        source(FAST, host -> {
            asked.add(host);
            return server.baseUri();
        }).lookup(EmailAddress.parse("bob@Example.COM"));

        assertThat(asked).containsExactly("openpgpkey.example.com", "example.com");
    }

    @Test
    void noKeyWithEitherMethodIsNotFound() {
        SourceResponse response = source().lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aWebSiteAnsweringHtmlForEveryPathIsNotAKeyDirectory() {
        server.fallback(Answer.html(200, "<!doctype html><title>Example Inc.</title>"));

        SourceResponse response = source().lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
    }

    @Test
    void onlyKeysWithAUserIdForTheAddressAreAccepted() {
        server.answer(ADVANCED, Answer.binaryKeys(TestIdentities.bytes("carol.pgp"), TestIdentities.bytes("bob.pgp")));

        SourceResponse response = source().lookup(BOB);

        assertThat(response.accepted()).extracting(key -> key.summary().id())
                .containsExactly(TestIdentities.pgpFingerprint("bob"));
        assertThat(response.rejected()).extracting(Rejection::reason)
                .containsExactly(RejectionReason.ADDRESS_MISMATCH);
    }

    @Test
    void anArmoredAnswerIsAcceptedToo() {
        server.answer(ADVANCED, Answer.armored(TestIdentities.bytes("bob.asc")));

        assertThat(source().lookup(BOB).status()).isEqualTo(SourceResponse.Status.OK);
    }

    @Test
    void aRevokedKeyIsRejectedWithItsReason() {
        String erin = "/.well-known/openpgpkey/example.com/hu/" + WkdKeySource.hash("erin");
        server.answer(erin, Answer.binaryKeys(TestIdentities.bytes("erin-revoked.pgp")));

        SourceResponse response = source().lookup(EmailAddress.parse("erin@example.com"));

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.rejected()).extracting(Rejection::reason).containsExactly(RejectionReason.REVOKED);
        assertThat(server.requests()).as("a key answer from the advanced method is final").hasSize(1);
    }

    @Test
    void aServerErrorOnBothMethodsIsAnErrorNamingBoth() {
        server.fallback(Answer.text(503, "maintenance"));

        SourceResponse response = source().lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).isEqualTo("WKD for example.com: advanced method: 127.0.0.1:" + server.port()
                + " answered HTTP 503: maintenance; direct method: 127.0.0.1:" + server.port()
                + " answered HTTP 503: maintenance");
    }

    @Test
    void aSlowAdvancedMethodStillLetsTheDirectOneAnswer() {
        server.answer(ADVANCED, Answer.never());
        server.answer(DIRECT, Answer.binaryKeys(TestIdentities.bytes("bob.pgp")));

        SourceResponse response = source(FAST.withRequestTimeout(Duration.ofMillis(300)), host -> server.baseUri())
                .lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
    }

    @Test
    void aHugeAnswerIsAnError() {
        server.fallback(Answer.huge(50L << 20, false));

        SourceResponse response = source().lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).contains("answer exceeds the cap of 1 MiB");
    }

    @Test
    void aDomainThatIsAnIpAddressIsNotAsked() {
        SourceResponse response = source().lookup(EmailAddress.parse("bob@127.0.0.1"));

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(server.requests()).isEmpty();
    }
}
