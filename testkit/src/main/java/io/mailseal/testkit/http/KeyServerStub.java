package io.mailseal.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPUtil;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An HTTP key server for unit tests (HKP, WKD, VKS), on the JDK's {@code com.sun.net.httpserver.HttpServer} bound to
 * 127.0.0.1 on a free port. A test registers an {@link Answer} per path (and optionally query); every request is
 * recorded for assertions; a request nobody registered gets {@link Answer#notFound()} (or the {@link #fallback}).
 *
 * <pre>{@code
 * @RegisterExtension
 * final KeyServerStub server = new KeyServerStub();
 *
 * @Test
 * void findsBob() {
 *     server.answer("/pks/lookup?op=get&options=mr&exact=on&search=bob%40example.com",
 *             KeyServerStub.Answer.hkpKeys(TestIdentities.bytes("bob.pgp")));
 *     ... HkpKeySource.fromUrl(server.hkpUrl(), ...) ...
 *     assertThat(server.requests()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Slow servers without sleeping: {@code answer.after(gate)} holds the answer until the test counts the latch down
 * (get one from {@link #gate()}); {@link Answer#never()} never answers. {@link Answer#huge} streams an answer of any
 * size without holding it in memory and stops when the client hangs up. Every gate is released and the server
 * stopped after each test (or by {@link #close()} when used without JUnit), so no handler thread outlives the test.
 *
 * <p>As an extension (registered on an instance field) it starts before each test and stops after it; the answers
 * and recorded requests belong to one test. Thread-safe: handlers run on a pool of daemon threads, and registering,
 * reading requests and answering may happen concurrently.
 */
public final class KeyServerStub implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Set<CountDownLatch> gates = ConcurrentHashMap.newKeySet();
    private final ReentrantLock arrivals = new ReentrantLock();
    private final Condition arrived = arrivals.newCondition();
    private volatile Answer fallback = Answer.notFound();
    private HttpServer server;
    private ExecutorService handlers;
    private volatile CountDownLatch stopped = new CountDownLatch(1);

    /** Creates a stopped stub; JUnit (or {@link #start()}) starts it. */
    public KeyServerStub() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /**
     * Starts listening on 127.0.0.1 on a free port, with no answers and no recorded requests.
     *
     * @throws IllegalStateException if it is already running
     * @throws UncheckedIOException  if no port can be bound
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("key server stub already running on port " + port());
        }
        answers.clear();
        requests.clear();
        gates.clear();
        fallback = Answer.notFound();
        stopped = new CountDownLatch(1);
        int number = SERVERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "key-server-stub-" + number + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0),
                    50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the key server stub on 127.0.0.1", e);
        }
        handlers = Executors.newCachedThreadPool(factory);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Releases every gate, stops listening, closes open connections and ends the handler threads. Idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        stopped.countDown();
        releaseAll();
        server.stop(0);
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        handlers = null;
    }

    /**
     * The port the stub listens on.
     *
     * @return the port
     * @throws IllegalStateException if it is not running
     */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("key server stub not running");
        }
        return server.getAddress().getPort();
    }

    /**
     * The stub's root URL.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /**
     * The stub as an HKP key server URL.
     *
     * @return {@code hkp://127.0.0.1:<port>}
     */
    public String hkpUrl() {
        return "hkp://127.0.0.1:" + port();
    }

    /**
     * Registers the answer for a path, or for a path and query.
     *
     * @param pathAndQuery the raw (percent-encoded) path, e.g. {@code /vks/v1/by-email/bob%40example.com}, or path and
     *                     query, e.g. {@code /pks/lookup?op=get&options=mr&exact=on&search=bob%40example.com}; a
     *                     request matches its exact path and query first, then its path alone
     * @param answer       what to answer
     * @return this stub
     */
    public KeyServerStub answer(String pathAndQuery, Answer answer) {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        Objects.requireNonNull(answer, "answer");
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + pathAndQuery);
        }
        remember(answer);
        answers.put(pathAndQuery, answer);
        return this;
    }

    /**
     * Sets the answer for requests nothing was registered for (by default {@link Answer#notFound()}).
     *
     * @param answer the answer
     * @return this stub
     */
    public KeyServerStub fallback(Answer answer) {
        remember(Objects.requireNonNull(answer, "answer"));
        fallback = answer;
        return this;
    }

    /**
     * A new gate for {@link Answer#after}: answers behind it wait until the test calls {@code countDown()}, or until
     * the stub stops.
     *
     * @return a latch with count 1
     */
    public CountDownLatch gate() {
        CountDownLatch gate = new CountDownLatch(1);
        gates.add(gate);
        return gate;
    }

    /**
     * The requests received so far, oldest first (recorded on arrival, before any gate).
     *
     * @return a snapshot
     */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * Waits until at least some requests have arrived.
     *
     * @param count   how many
     * @param timeout how long to wait at most
     * @return true if they arrived in time
     */
    public boolean awaitRequests(int count, Duration timeout) {
        long remaining = timeout.toNanos();
        arrivals.lock();
        try {
            while (requests.size() < count) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = arrived.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            arrivals.unlock();
        }
    }

    private void remember(Answer answer) {
        if (answer.gate() != null) {
            gates.add(answer.gate());
        }
    }

    private void releaseAll() {
        for (CountDownLatch gate : gates) {
            while (gate.getCount() > 0) {
                gate.countDown();
            }
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            URI uri = exchange.getRequestURI();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), uri.getRawPath(),
                    uri.getRawQuery(), headers, body);
            record(request);
            Answer answer = answers.get(request.pathAndQuery());
            if (answer == null) {
                answer = answers.getOrDefault(request.path(), fallback);
            }
            if (answer.gate() != null) {
                answer.gate().await();
            }
            if (answer.hangs()) {
                stopped.await();
                return;
            }
            write(exchange, answer);
        } catch (IOException e) {
            // the client hung up (a timeout or a size cap on its side): nothing more to send
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private void record(RecordedRequest request) {
        arrivals.lock();
        try {
            requests.add(request);
            arrived.signalAll();
        } finally {
            arrivals.unlock();
        }
    }

    private static void write(HttpExchange exchange, Answer answer) throws IOException {
        if (!answer.contentType().isEmpty()) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = exchange.getRequestMethod().equalsIgnoreCase("HEAD") || answer.status() == 204
                || answer.status() == 304;
        if (answer.streamedLength() >= 0) {
            exchange.sendResponseHeaders(answer.status(), answer.declareLength() ? answer.streamedLength() : 0);
            stream(exchange.getResponseBody(), answer.body(), answer.streamedLength());
            return;
        }
        if (noBody || answer.body().length == 0) {
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    /** Writes the prefix, then lines of 'A' up to the total, 64 KiB at a time; ends when the client hangs up. */
    private static void stream(OutputStream out, byte[] prefix, long total) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'A');
        for (int i = 63; i < chunk.length; i += 64) {
            chunk[i] = '\n';
        }
        try (out) {
            long written = Math.min(prefix.length, total);
            out.write(prefix, 0, (int) written);
            while (written < total) {
                int n = (int) Math.min(chunk.length, total - written);
                out.write(chunk, 0, n);
                written += n;
            }
        }
    }

    /**
     * One request as the stub received it.
     *
     * @param method  the HTTP method
     * @param path    the raw (percent-encoded) path
     * @param query   the raw query, or null if there was none
     * @param headers the request headers, names case-insensitive
     * @param body    the request body (empty for GET)
     */
    public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                                  byte[] body) {

        /** Copies the headers. */
        public RecordedRequest {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            copy.putAll(headers);
            headers = Collections.unmodifiableMap(copy);
        }

        /**
         * The raw path and query as sent.
         *
         * @return e.g. {@code /pks/lookup?op=get&options=mr&exact=on&search=bob%40example.com}
         */
        public String pathAndQuery() {
            return query == null ? path : path + "?" + query;
        }

        /**
         * The first value of a header.
         *
         * @param name the header name, any case
         * @return the value, or empty
         */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    /**
     * What the stub answers to a request. Immutable; make one with the factories and adjust it with
     * {@link #after}, {@link #withHeader}.
     *
     * @param status         the HTTP status
     * @param contentType    the Content-Type header, or empty for none
     * @param body           the body (for a streamed answer: its first bytes)
     * @param headers        further response headers
     * @param gate           if not null, the answer waits until this latch is released (or the stub stops)
     * @param hangs          if true, no answer is ever sent; the connection stays open until the stub stops
     * @param streamedLength for a streamed answer its total length, else -1
     * @param declareLength  for a streamed answer whether Content-Length is sent (else chunked)
     */
    public record Answer(int status, String contentType, byte[] body, Map<String, String> headers,
                         CountDownLatch gate, boolean hangs, long streamedLength, boolean declareLength) {

        private static final String PGP_KEYS = "application/pgp-keys; charset=UTF-8";

        /** Validates and copies. */
        public Answer {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("not an HTTP status: " + status);
            }
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        /**
         * Any answer.
         *
         * @param status      the HTTP status
         * @param contentType the Content-Type, or empty for none
         * @param body        the body
         * @return the answer
         */
        public static Answer of(int status, String contentType, byte[] body) {
            return new Answer(status, contentType, body.clone(), Map.of(), null, false, -1, false);
        }

        /**
         * A plain-text answer.
         *
         * @param status the HTTP status
         * @param text   the body
         * @return the answer
         */
        public static Answer text(int status, String text) {
            return of(status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * An HTML page, as a web server or a misconfigured proxy answers.
         *
         * @param status the HTTP status
         * @param html   the page
         * @return the answer
         */
        public static Answer html(int status, String html) {
            return of(status, "text/html; charset=UTF-8", html.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * HTTP 404 with SKS's and Hagrid's text "No results found".
         *
         * @return the answer
         */
        public static Answer notFound() {
            return text(404, "No results found");
        }

        /**
         * An HKP {@code op=get&options=mr} answer as SKS gives it: all keys in one armor block without headers,
         * {@code application/pgp-keys}, with {@code X-HKP-Results-Count}.
         *
         * @param keys key files, binary or armored (e.g. {@code TestIdentities.bytes("bob.asc")})
         * @return the answer
         */
        public static Answer hkpKeys(byte[]... keys) {
            ByteArrayOutputStream armored = new ByteArrayOutputStream();
            try (ArmoredOutputStream out = ArmoredOutputStream.builder().clearHeaders().build(armored)) {
                out.write(binary(keys));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Answer(200, PGP_KEYS, armored.toByteArray(),
                    Map.of("X-HKP-Results-Count", String.valueOf(keys.length)), null, false, -1, false);
        }

        /**
         * Armored key data as given, {@code application/pgp-keys} (a VKS answer, or several armor blocks).
         *
         * @param armored the body
         * @return the answer
         */
        public static Answer armored(byte[] armored) {
            return of(200, PGP_KEYS, armored);
        }

        /**
         * A WKD answer: the keys' binary packets, {@code application/octet-stream}.
         *
         * @param keys key files, binary or armored
         * @return the answer
         */
        public static Answer binaryKeys(byte[]... keys) {
            return of(200, "application/octet-stream", binary(keys));
        }

        /**
         * A redirect.
         *
         * @param status   301, 302, 307 or 308
         * @param location the Location header
         * @return the answer
         */
        public static Answer redirect(int status, String location) {
            return text(status, "moved").withHeader("Location", location);
        }

        /**
         * A 200 {@code application/pgp-keys} answer that starts like an armored key and goes on with lines of
         * {@code A} up to the given size, streamed in 64 KiB pieces (never held in memory); the stub stops writing
         * when the client hangs up.
         *
         * @param totalBytes    its size, e.g. {@code 50L << 20}
         * @param declareLength whether to send Content-Length (else chunked, so the client must count)
         * @return the answer
         */
        public static Answer huge(long totalBytes, boolean declareLength) {
            byte[] prefix = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n".getBytes(StandardCharsets.US_ASCII);
            return new Answer(200, PGP_KEYS, prefix, Map.of(), null, false, totalBytes, declareLength);
        }

        /**
         * No answer at all: the request is read and the connection held open until the stub stops.
         *
         * @return the answer
         */
        public static Answer never() {
            return new Answer(200, "", new byte[0], Map.of(), null, true, -1, false);
        }

        /**
         * This answer, held back until a latch is released.
         *
         * @param latch the gate, typically from {@link KeyServerStub#gate()}; released at the latest when the stub
         *              stops
         * @return the gated answer
         */
        public Answer after(CountDownLatch latch) {
            return new Answer(status, contentType, body, headers, Objects.requireNonNull(latch, "latch"), hangs,
                    streamedLength, declareLength);
        }

        /**
         * This answer with one more response header.
         *
         * @param name  the header name
         * @param value its value
         * @return the new answer
         */
        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, contentType, body, more, gate, hangs, streamedLength, declareLength);
        }

        private static byte[] binary(byte[]... keys) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] key : keys) {
                try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(key))) {
                    in.transferTo(out);
                } catch (IOException e) {
                    throw new UncheckedIOException("not OpenPGP key data", e);
                }
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return "Answer[" + status + " " + contentType + ", " + (streamedLength >= 0 ? streamedLength + " streamed"
                    : body.length) + " bytes" + (gate != null ? ", gated" : "") + (hangs ? ", never answered" : "") + "]";
        }
    }

    /**
     * The recorded requests' paths and queries, for assertion messages.
     *
     * @return one line per request
     */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        for (RecordedRequest request : requests) {
            lines.add(request.method() + " " + request.pathAndQuery());
        }
        return "KeyServerStub" + lines;
    }
}
