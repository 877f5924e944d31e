package io.mailseal.keys.source.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * A bounded HTTP GET for key lookups: every request has a connect timeout and an overall deadline (from sending the
 * request to the last byte of the answer, redirects included), the answer's body is counted while it streams in and
 * the exchange is abandoned as soon as it exceeds the cap (a 50 MB answer is never buffered), and redirects are
 * followed only to the same scheme, host and port.
 *
 * <p>Defaults ({@link Settings#DEFAULTS}): connect timeout 5 s, overall timeout 10 s, body cap 1 MiB, at most 3
 * redirects (HTTP 301, 302 and 307), User-Agent {@value #DEFAULT_USER_AGENT}. HTTP/1.1, the JVM's default proxy
 * selector and trust store. Only {@code http} and {@code https} URLs are fetched.
 *
 * <p>Expected failures (unknown host, refused connection, TLS failure, timeout, an answer over the cap, a redirect
 * elsewhere) are {@link Failure} values whose message names the method and the URL without its query or user info,
 * and the cause. Nothing here throws for them.
 *
 * <p>Thread-safe: one {@link HttpClient} per fetcher, shared by all calls; share one fetcher between sources.
 */
public final class HttpFetcher {

    /** The default connect timeout: 5 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The default overall timeout per {@link #get}: 10 seconds. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The default cap on an answer's body: 1 MiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 20;
    /** The default number of redirects followed: 3. */
    public static final int DEFAULT_MAX_REDIRECTS = 3;
    /** The User-Agent sent by default. */
    public static final String DEFAULT_USER_AGENT = "Mailseal (OpenPGP key lookup)";

    /**
     * How a fetcher behaves.
     *
     * <p>Immutable.
     *
     * @param connectTimeout the longest wait for a TCP (and TLS) connection; positive
     * @param requestTimeout the longest wait for a complete answer, from sending the request to its last byte,
     *                       redirects included; positive
     * @param maxBytes       the largest body read; a larger answer is a {@link FailureKind#TOO_LARGE} failure; positive
     * @param maxRedirects   how many same-host redirects are followed; 0 or more
     * @param userAgent      the User-Agent header; not blank
     */
    public record Settings(Duration connectTimeout, Duration requestTimeout, long maxBytes, int maxRedirects,
                           String userAgent) {

        /** 5 s connect, 10 s overall, 1 MiB, 3 redirects, {@value #DEFAULT_USER_AGENT}. */
        public static final Settings DEFAULTS = new Settings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_USER_AGENT);

        /** Validates the settings. */
        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(userAgent, "userAgent");
            if (connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
            }
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
            }
            if (maxRedirects < 0) {
                throw new IllegalArgumentException("maxRedirects must not be negative: " + maxRedirects);
            }
            if (userAgent.isBlank()) {
                throw new IllegalArgumentException("userAgent must not be blank");
            }
        }

        /**
         * These settings with another connect timeout.
         *
         * @param timeout the connect timeout
         * @return the new settings
         */
        public Settings withConnectTimeout(Duration timeout) {
            return new Settings(timeout, requestTimeout, maxBytes, maxRedirects, userAgent);
        }

        /**
         * These settings with another overall timeout.
         *
         * @param timeout the overall timeout
         * @return the new settings
         */
        public Settings withRequestTimeout(Duration timeout) {
            return new Settings(connectTimeout, timeout, maxBytes, maxRedirects, userAgent);
        }

        /**
         * These settings with another body cap.
         *
         * @param bytes the cap
         * @return the new settings
         */
        public Settings withMaxBytes(long bytes) {
            return new Settings(connectTimeout, requestTimeout, bytes, maxRedirects, userAgent);
        }
    }

    /** What a GET gave: an HTTP answer (any status) or a failure. */
    public sealed interface Result permits Response, Failure {

        /**
         * The URL the result is about (after redirects, for a response).
         *
         * @return the URL
         */
        URI uri();
    }

    /**
     * A complete HTTP answer within the limits, whatever its status.
     *
     * @param uri         the URL that answered (the last one after redirects)
     * @param status      the HTTP status code
     * @param contentType the Content-Type header, or empty if there was none
     * @param body        the body, at most the cap; the array is shared, do not modify it
     */
    public record Response(URI uri, int status, String contentType, byte[] body) implements Result {

        /** Validates the response. */
        public Response {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }

    /** Why there is no complete answer. */
    public enum FailureKind {
        /** The URL is not an absolute {@code http} or {@code https} URL with a host. */
        BAD_URL,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** The connection was refused or broke while connecting. */
        CONNECT,
        /** The TLS handshake failed (for example a certificate for another host). */
        TLS,
        /** No connection within the connect timeout, or no complete answer within the overall timeout. */
        TIMEOUT,
        /** The body exceeds the cap. */
        TOO_LARGE,
        /** A redirect to another scheme, host or port, a bad Location, or too many redirects. */
        REDIRECT,
        /** The connection closed early or the answer is not HTTP. */
        PROTOCOL,
        /** The calling thread was interrupted (its interrupt flag is set again). */
        INTERRUPTED
    }

    /**
     * No complete answer.
     *
     * @param uri     the URL that failed
     * @param kind    the cause's category
     * @param message "GET &lt;URL without query&gt;: &lt;cause&gt;"; never contains a query or user info
     */
    public record Failure(URI uri, FailureKind kind, String message) implements Result {

        /** Validates the failure. */
        public Failure {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    private final Settings settings;
    private final HttpClient client;

    /**
     * Creates a fetcher and its HTTP client.
     *
     * @param settings timeouts, cap, redirects and User-Agent
     */
    public HttpFetcher(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            builder.proxy(proxies);
        }
        this.client = builder.build();
    }

    /**
     * Creates a fetcher with the defaults (5 s connect, 10 s overall, 1 MiB, 3 redirects).
     *
     * @return the fetcher
     */
    public static HttpFetcher withDefaults() {
        return new HttpFetcher(Settings.DEFAULTS);
    }

    /**
     * The settings this fetcher uses.
     *
     * @return the settings
     */
    public Settings settings() {
        return settings;
    }

    /**
     * Fetches a URL.
     *
     * @param uri    an absolute {@code http} or {@code https} URL
     * @param accept the Accept header to send
     * @return the answer, whatever its status, or why there is none; never throws for a network problem
     */
    public Result get(URI uri, String accept) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(accept, "accept");
        String problem = urlProblem(uri);
        if (problem != null) {
            return new Failure(uri, FailureKind.BAD_URL, "GET " + describe(uri) + ": " + problem);
        }
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            Step step = exchange(current, accept, deadline);
            if (step instanceof Stop stop) {
                return stop.failure();
            }
            Exchange exchange = (Exchange) step;
            if (!isRedirect(exchange.response().status()) || exchange.location().isEmpty()) {
                return exchange.response();
            }
            String where = "GET " + describe(current) + ": HTTP " + exchange.response().status() + " redirect";
            URI target;
            try {
                target = current.resolve(new URI(exchange.location().get().strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                return new Failure(current, FailureKind.REDIRECT, where + " with an invalid Location");
            }
            if (!sameOrigin(current, target)) {
                return new Failure(current, FailureKind.REDIRECT, where + " to " + describe(target)
                        + " not followed (only redirects to the same scheme, host and port are)");
            }
            if (redirects >= settings.maxRedirects()) {
                return new Failure(current, FailureKind.REDIRECT, where + " not followed: more than "
                        + settings.maxRedirects() + " redirects");
            }
            current = target;
        }
    }

    /**
     * A URL as messages may show it: scheme, host, port and path, without user info, query or fragment (a query may
     * carry a token).
     *
     * @param uri the URL
     * @return the text, e.g. {@code http://127.0.0.1:11371/pks/lookup}
     */
    public static String describe(URI uri) {
        if (uri.getHost() == null) {
            return uri.getScheme() == null ? "(relative URL)" : uri.getScheme() + ":(no host)";
        }
        StringBuilder text = new StringBuilder();
        text.append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            text.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            text.append(uri.getRawPath());
        }
        return text.toString();
    }

    /**
     * A duration as messages show it: "300 ms", "10 s".
     *
     * @param duration the duration
     * @return the text
     */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /**
     * A byte count as messages show it: "1 MiB (1048576 bytes)".
     *
     * @param bytes the count
     * @return the text
     */
    static String size(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB (" + bytes + " bytes)";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB (" + bytes + " bytes)";
        }
        return bytes + " bytes";
    }

    private static String urlProblem(URI uri) {
        if (!uri.isAbsolute() || uri.isOpaque()) {
            return "not an absolute URL";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "scheme " + scheme + " is not fetched (only http and https)";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "no host";
        }
        return null;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 307;
    }

    private static boolean sameOrigin(URI from, URI to) {
        return to.isAbsolute() && to.getHost() != null
                && from.getScheme().equalsIgnoreCase(to.getScheme())
                && from.getHost().equalsIgnoreCase(to.getHost())
                && effectivePort(from) == effectivePort(to);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** One request and its answer, or why there is none. */
    private Step exchange(URI uri, String accept, long deadline) {
        String where = "GET " + describe(uri);
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return new Stop(timeout(uri, where));
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .GET()
                    .timeout(Duration.ofNanos(remaining))
                    .header("User-Agent", settings.userAgent())
                    .header("Accept", accept)
                    .build();
        } catch (IllegalArgumentException e) {
            return new Stop(new Failure(uri, FailureKind.BAD_URL, where + ": not a URL the HTTP client accepts"));
        }
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> {
            CappedBody subscriber = new CappedBody(settings.maxBytes(),
                    info.headers().firstValueAsLong("Content-Length").orElse(-1));
            body.set(subscriber);
            return subscriber;
        });
        try {
            HttpResponse<byte[]> response = future.get(remaining, TimeUnit.NANOSECONDS);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            return new Exchange(new Response(uri, response.statusCode(), contentType, response.body()),
                    response.headers().firstValue("Location"));
        } catch (TimeoutException e) {
            abort(future, body.get());
            return new Stop(timeout(uri, where));
        } catch (InterruptedException e) {
            abort(future, body.get());
            Thread.currentThread().interrupt();
            return new Stop(new Failure(uri, FailureKind.INTERRUPTED, where + ": interrupted"));
        } catch (ExecutionException e) {
            abort(future, body.get());
            return new Stop(classify(uri, where, e.getCause(), body.get()));
        }
    }

    private Failure timeout(URI uri, String where) {
        return new Failure(uri, FailureKind.TIMEOUT, where + ": timed out after "
                + human(settings.requestTimeout()) + " without a complete answer");
    }

    private static void abort(CompletableFuture<?> future, CappedBody body) {
        future.cancel(true);
        if (body != null) {
            body.abort();
        }
    }

    private Failure classify(URI uri, String where, Throwable cause, CappedBody body) {
        if (body != null && body.tooLarge()) {
            long declared = body.declaredLength();
            return new Failure(uri, FailureKind.TOO_LARGE, where + ": answer exceeds the cap of "
                    + size(settings.maxBytes()) + (declared > settings.maxBytes()
                    ? " (Content-Length " + declared + ")" : "") + "; not read");
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return new Failure(uri, FailureKind.UNKNOWN_HOST, where + ": unknown host " + uri.getHost());
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return new Failure(uri, FailureKind.TIMEOUT, where + ": no connection within "
                        + human(settings.connectTimeout()));
            }
            if (t instanceof HttpTimeoutException) {
                return new Failure(uri, FailureKind.TIMEOUT, where + ": timed out after "
                        + human(settings.requestTimeout()) + " without a complete answer");
            }
            if (t instanceof ConnectException) {
                return new Failure(uri, FailureKind.CONNECT, where + ": cannot connect to " + uri.getHost()
                        + portText(uri) + " (" + Optional.ofNullable(t.getMessage()).orElse("connection refused")
                        .toLowerCase(Locale.ROOT) + ")");
            }
            if (t instanceof SSLException) {
                return new Failure(uri, FailureKind.TLS, where + ": TLS failure: " + t.getMessage());
            }
        }
        String detail = cause == null ? "unknown failure" : Optional.ofNullable(cause.getMessage())
                .orElse(cause.getClass().getSimpleName());
        if (cause instanceof IOException) {
            return new Failure(uri, FailureKind.PROTOCOL, where + ": " + detail);
        }
        return new Failure(uri, FailureKind.PROTOCOL, where + ": " + cause.getClass().getSimpleName() + ": " + detail);
    }

    private static String portText(URI uri) {
        return uri.getPort() >= 0 ? ":" + uri.getPort() : "";
    }

    /** What one request gave. */
    private sealed interface Step permits Exchange, Stop {
    }

    /** A complete answer and its Location header. */
    private record Exchange(Response response, Optional<String> location) implements Step {
    }

    /** No answer. */
    private record Stop(Failure failure) implements Step {
    }

    /**
     * Collects a body up to a cap, asking for one piece at a time; cancels the subscription (which closes the
     * connection) as soon as the count exceeds the cap, or at once when the declared Content-Length does.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final long maxBytes;
        private final long declaredLength;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private volatile boolean tooLarge;
        private long count;

        CappedBody(long maxBytes, long declaredLength) {
            this.maxBytes = maxBytes;
            this.declaredLength = declaredLength;
        }

        boolean tooLarge() {
            return tooLarge;
        }

        long declaredLength() {
            return declaredLength;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declaredLength > maxBytes) {
                overflow();
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                count += item.remaining();
                if (count > maxBytes) {
                    overflow();
                    return;
                }
                if (item.hasArray()) {
                    collected.write(item.array(), item.arrayOffset() + item.position(), item.remaining());
                } else {
                    byte[] copy = new byte[item.remaining()];
                    item.get(copy);
                    collected.write(copy, 0, copy.length);
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(collected.toByteArray());
        }

        void abort() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(new IOException("aborted"));
        }

        private void overflow() {
            tooLarge = true;
            subscription.cancel();
            result.completeExceptionally(new IOException("body exceeds " + maxBytes + " bytes"));
        }
    }
}
