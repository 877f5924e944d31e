package io.mailseal.keys.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySummary;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.testkit.http.KeyServerStub;
import io.mailseal.testkit.http.KeyServerStub.Answer;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HkpKeySourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final EmailAddress BOB = EmailAddress.parse("bob@example.com");
    private static final String BOB_LOOKUP = "/pks/lookup?op=get&options=mr&exact=on&search=bob%40example.com";
    private static final HttpFetcher.Settings FAST = HttpFetcher.Settings.DEFAULTS
            .withConnectTimeout(Duration.ofSeconds(2)).withRequestTimeout(Duration.ofSeconds(5));

    @RegisterExtension
    final KeyServerStub server = new KeyServerStub();

    private HkpKeySource source(HttpFetcher.Settings settings) {
        return HkpKeySource.fromUrl(server.hkpUrl(), new HttpFetcher(settings), CLOCK).value().orElseThrow();
    }

    private static String lookupPath(String address) {
        return "/pks/lookup?op=get&options=mr&exact=on&search=" + URLEncoder.encode(address, StandardCharsets.UTF_8);
    }

    @Test
    void findsTheKeyTheServerHasForTheAddress() {
        server.answer(BOB_LOOKUP, Answer.hkpKeys(TestIdentities.bytes("bob.asc")));

        SourceResponse response = source(FAST).lookup(BOB);

        assertThat(response.source()).isEqualTo(SourceName.KEYSERVER);
        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).singleElement().satisfies(key -> {
            assertThat(key.summary().id()).isEqualTo(TestIdentities.pgpFingerprint("bob"));
            assertThat(((RecipientKey.Pgp) key).encryptionFingerprint())
                    .isEqualTo(TestIdentities.property("bob.pgp.encryptionSubkeys"));
        });
        assertThat(response.rejected()).isEmpty();
    }

    @Test
    void sendsExactlyTheLegacyHkpGetRequestForTheAddress() {
        server.answer(BOB_LOOKUP, Answer.hkpKeys(TestIdentities.bytes("bob.asc")));

        source(FAST).lookup(BOB);

        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.pathAndQuery())
                    .isEqualTo("/pks/lookup?op=get&options=mr&exact=on&search=bob%40example.com");
            assertThat(request.header("User-Agent")).contains(HttpFetcher.DEFAULT_USER_AGENT);
            assertThat(request.header("Accept")).hasValueSatisfying(accept ->
                    assertThat(accept).startsWith("application/pgp-keys"));
        });
    }

    @Test
    void aLooseMatchFromAWordSearchIsRejectedAsAddressMismatchNotAccepted() {
        // SKS splits the search into words; an answer may hold keys that merely share some of them
        server.answer(BOB_LOOKUP, Answer.hkpKeys(TestIdentities.bytes("bob.asc"), TestIdentities.bytes("carol.asc")));

        SourceResponse response = source(FAST).lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(key -> key.summary().id())
                .containsExactly(TestIdentities.pgpFingerprint("bob"));
        assertThat(response.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).isEqualTo(RejectionReason.ADDRESS_MISMATCH);
            assertThat(rejection.key().id()).isEqualTo(TestIdentities.pgpFingerprint("carol"));
            assertThat(rejection.detail()).contains("bob@example.com");
        });
    }

    @Test
    void anAnswerWithOnlyOtherPeoplesKeysIsNotFoundWithTheRejections() {
        server.answer(lookupPath("test@example.com"),
                Answer.hkpKeys(TestIdentities.bytes("bob.asc"), TestIdentities.bytes("carol.asc")));

        SourceResponse response = source(FAST).lookup(EmailAddress.parse("test@example.com"));

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.rejected()).extracting(Rejection::reason)
                .containsExactly(RejectionReason.ADDRESS_MISMATCH, RejectionReason.ADDRESS_MISMATCH);
    }

    @ParameterizedTest(name = "{0} for {1} is rejected as {2}")
    @CsvSource({
            "erin-revoked, erin@example.com, REVOKED",
            "dave-expired, dave@example.com, EXPIRED",
            "mallory-uid-revoked, mallory@example.com, USER_ID_REVOKED"})
    void anUnusableKeyIsRejectedWithItsReason(String identity, String address, RejectionReason reason) {
        server.answer(lookupPath(address), Answer.hkpKeys(TestIdentities.bytes(identity + ".asc")));

        SourceResponse response = source(FAST).lookup(EmailAddress.parse(address));

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).isEqualTo(reason);
            assertThat(rejection.key().id()).isEqualTo(TestIdentities.pgpFingerprint(identity));
        });
    }

    @Test
    void http404IsNotFound() {
        server.answer(BOB_LOOKUP, Answer.notFound());

        SourceResponse response = source(FAST).lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.rejected()).isEmpty();
        assertThat(response.message()).isEmpty();
    }

    @Test
    void anHtmlPageWithStatus200IsAnErrorNamingTheHostAndContentType() {
        server.answer(BOB_LOOKUP, Answer.html(200, "<html><body>Welcome to our portal</body></html>"));

        SourceResponse response = source(FAST).lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message())
                .startsWith("answer from 127.0.0.1:" + server.port() + " is not an OpenPGP key (content type text/html");
        assertThat(response.accepted()).isEmpty();
    }

    @Test
    void garbageWithAKeyContentTypeIsAnError() {
        server.answer(BOB_LOOKUP, Answer.of(200, "application/pgp-keys", new byte[] {(byte) 0x99, 1, 2, 3, 4, 5}));

        SourceResponse response = source(FAST).lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).contains("is not an OpenPGP key (content type application/pgp-keys");
    }

    @Test
    void aServerErrorIsAnErrorWithTheStatus() {
        server.answer(BOB_LOOKUP, Answer.text(500, "Too many responses, unable to process query"));

        SourceResponse response = source(FAST).lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).isEqualTo("key server 127.0.0.1:" + server.port()
                + " answered HTTP 500: Too many responses, unable to process query");
    }

    @Test
    void a50MegabyteAnswerIsCutOffAtTheCapAndIsAnError() {
        server.answer(BOB_LOOKUP, Answer.huge(50L << 20, false));

        SourceResponse response = source(FAST).lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).isEqualTo("GET http://127.0.0.1:" + server.port()
                + "/pks/lookup: answer exceeds the cap of 1 MiB (1048576 bytes); not read");
        assertThat(response.duration()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anAnswerDeclaredLargerThanTheCapIsRefusedBeforeReading() {
        server.answer(BOB_LOOKUP, Answer.huge(50L << 20, true));

        SourceResponse response = source(FAST.withMaxBytes(64 * 1024)).lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).contains("answer exceeds the cap of 64 KiB (65536 bytes) (Content-Length "
                + (50L << 20) + ")");
    }

    @Test
    void aSlowServerIsAnErrorAfterTheConfiguredTimeout() {
        CountDownLatch gate = server.gate();
        server.answer(BOB_LOOKUP, Answer.hkpKeys(TestIdentities.bytes("bob.asc")).after(gate));
        HkpKeySource source = source(FAST.withRequestTimeout(Duration.ofMillis(300)));

        SourceResponse response = source.lookup(BOB);
        gate.countDown();

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).isEqualTo("GET http://127.0.0.1:" + server.port()
                + "/pks/lookup: timed out after 300 ms without a complete answer");
        assertThat(response.duration()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
    }

    @Test
    void aServerThatNeverAnswersIsAnErrorAfterTheTimeout() {
        server.answer(BOB_LOOKUP, Answer.never());

        SourceResponse response = source(FAST.withRequestTimeout(Duration.ofMillis(300))).lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).contains("timed out after 300 ms");
    }

    @Test
    void aRefusedConnectionIsAnErrorNamingTheServer() throws IOException {
        int port = freePort();
        HkpKeySource source = HkpKeySource.fromUrl("hkp://127.0.0.1:" + port, new HttpFetcher(FAST), CLOCK)
                .value().orElseThrow();

        SourceResponse response = source.lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).startsWith("GET http://127.0.0.1:" + port + "/pks/lookup: cannot connect to"
                + " 127.0.0.1:" + port);
    }

    @Test
    void aPathInTheUrlIsIgnoredBecauseTheHkpPathIsAbsolute() {
        server.answer(BOB_LOOKUP, Answer.hkpKeys(TestIdentities.bytes("bob.asc")));
        HkpKeySource source = HkpKeySource.fromUrl(server.baseUri() + "/keys/", new HttpFetcher(FAST), CLOCK)
                .value().orElseThrow();

        SourceResponse response = source.lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(server.requests()).extracting(KeyServerStub.RecordedRequest::path).containsExactly("/pks/lookup");
    }

    @Test
    void aRedirectOnTheSameServerIsFollowed() {
        server.answer(BOB_LOOKUP, Answer.redirect(302, "/mirror/pks/lookup?op=get&search=bob%40example.com"));
        server.answer("/mirror/pks/lookup?op=get&search=bob%40example.com",
                Answer.hkpKeys(TestIdentities.bytes("bob.asc")));

        SourceResponse response = source(FAST).lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowed() {
        server.answer(BOB_LOOKUP, Answer.redirect(301, "http://keys.elsewhere.example/pks/lookup?op=get&secret=1"));

        SourceResponse response = source(FAST).lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).contains("redirect to http://keys.elsewhere.example/pks/lookup not followed")
                .doesNotContain("secret");
    }

    @Test
    void theRejectionsOfADamagedAnswerKeepTheGoodKeys() {
        byte[] bob = TestIdentities.bytes("bob.asc");
        byte[] broken = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot base64 at all!\n-----END PGP PUBLIC KEY BLOCK-----\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] both = new byte[bob.length + broken.length];
        System.arraycopy(bob, 0, both, 0, bob.length);
        System.arraycopy(broken, 0, both, bob.length, broken.length);
        server.answer(BOB_LOOKUP, Answer.armored(both));

        SourceResponse response = source(FAST).lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.rejected()).extracting(Rejection::reason).contains(RejectionReason.MALFORMED);
        assertThat(response.rejected()).extracting(Rejection::key).extracting(KeySummary::id).contains("?");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return socket.getLocalPort();
        }
    }
}
