package io.mailseal.keys.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.testkit.http.KeyServerStub;
import io.mailseal.testkit.http.KeyServerStub.Answer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpFetcherTest {

    private static final HttpFetcher FETCHER = new HttpFetcher(HttpFetcher.Settings.DEFAULTS
            .withConnectTimeout(Duration.ofSeconds(2)).withRequestTimeout(Duration.ofSeconds(5)));

    @RegisterExtension
    final KeyServerStub server = new KeyServerStub();

    @Test
    void returnsStatusContentTypeAndBody() {
        server.answer("/a", Answer.text(200, "hello"));

        HttpFetcher.Result result = FETCHER.get(server.baseUri().resolve("/a"), "text/plain");

        assertThat(result).isInstanceOfSatisfying(HttpFetcher.Response.class, response -> {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).isEqualTo("text/plain; charset=UTF-8");
            assertThat(response.body()).asString().isEqualTo("hello");
        });
    }

    @Test
    void followsAtMostThreeSameHostRedirects() {
        server.answer("/1", Answer.redirect(301, "/2"));
        server.answer("/2", Answer.redirect(302, "/3"));
        server.answer("/3", Answer.redirect(307, "/4"));
        server.answer("/4", Answer.redirect(302, "/5"));
        server.answer("/5", Answer.text(200, "too far"));

        assertThat(FETCHER.get(server.baseUri().resolve("/2"), "*/*"))
                .isInstanceOfSatisfying(HttpFetcher.Response.class, response ->
                        assertThat(response.uri().getPath()).isEqualTo("/5"));
        assertThat(FETCHER.get(server.baseUri().resolve("/1"), "*/*"))
                .isInstanceOfSatisfying(HttpFetcher.Failure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(HttpFetcher.FailureKind.REDIRECT);
                    assertThat(failure.message()).endsWith("/4: HTTP 302 redirect not followed: more than 3 redirects");
                });
    }

    @Test
    void neverFollowsARedirectToAnotherScheme() {
        server.answer("/a", Answer.redirect(302, "file:///etc/passwd"));
        server.answer("/b", Answer.redirect(302, "https://127.0.0.1:" + server.port() + "/b"));

        assertThat(FETCHER.get(server.baseUri().resolve("/a"), "*/*")).isInstanceOfSatisfying(
                HttpFetcher.Failure.class, failure -> assertThat(failure.kind())
                        .isEqualTo(HttpFetcher.FailureKind.REDIRECT));
        assertThat(FETCHER.get(server.baseUri().resolve("/b"), "*/*")).isInstanceOfSatisfying(
                HttpFetcher.Failure.class, failure -> assertThat(failure.kind())
                        .isEqualTo(HttpFetcher.FailureKind.REDIRECT));
    }

    @Test
    void aRedirectWithAStatusItDoesNotFollowIsReturnedAsIs() {
        server.answer("/a", Answer.redirect(303, "/b"));

        assertThat(FETCHER.get(server.baseUri().resolve("/a"), "*/*"))
                .isInstanceOfSatisfying(HttpFetcher.Response.class, response ->
                        assertThat(response.status()).isEqualTo(303));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void fetchesOnlyHttpAndHttps() {
        HttpFetcher.Result result = FETCHER.get(URI.create("ftp://127.0.0.1/x"), "*/*");

        assertThat(result).isInstanceOfSatisfying(HttpFetcher.Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(HttpFetcher.FailureKind.BAD_URL);
            assertThat(failure.message()).isEqualTo("GET ftp://127.0.0.1/x: scheme ftp is not fetched (only http and"
                    + " https)");
        });
    }

    @Test
    void anUnknownHostIsItsOwnKindOfFailure() {
        HttpFetcher.Result result = FETCHER.get(URI.create("http://no-such-host.invalid/x?token=s3cret"), "*/*");

        assertThat(result).isInstanceOfSatisfying(HttpFetcher.Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(HttpFetcher.FailureKind.UNKNOWN_HOST);
            assertThat(failure.message()).isEqualTo("GET http://no-such-host.invalid/x: unknown host"
                    + " no-such-host.invalid");
        });
    }

    @Test
    void messagesShowNeitherQueryNorUserInfo() {
        assertThat(HttpFetcher.describe(URI.create("https://user:pw@keys.example.org:8443/pks/lookup?search=x#f")))
                .isEqualTo("https://keys.example.org:8443/pks/lookup");
    }

    @Test
    void theCapCountsTheBodyAsItStreams() {
        server.answer("/big", Answer.huge(3 * 1024, false));
        server.answer("/small", Answer.huge(1024, false));
        HttpFetcher capped = new HttpFetcher(FETCHER.settings().withMaxBytes(2048));

        assertThat(capped.get(server.baseUri().resolve("/big"), "*/*")).isInstanceOfSatisfying(
                HttpFetcher.Failure.class, failure -> assertThat(failure.kind())
                        .isEqualTo(HttpFetcher.FailureKind.TOO_LARGE));
        assertThat(capped.get(server.baseUri().resolve("/small"), "*/*")).isInstanceOfSatisfying(
                HttpFetcher.Response.class, response -> assertThat(response.body()).hasSize(1024));
    }
}
