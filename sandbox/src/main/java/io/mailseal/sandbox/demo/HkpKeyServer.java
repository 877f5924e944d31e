package io.mailseal.sandbox.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small HKP key server (the part of draft-shaw-openpgp-hkp that Mailseal and gpg use to fetch keys) on the JDK's
 * HTTP server, bound to 127.0.0.1: {@code GET /pks/lookup?op=get&search=<address or 0x fingerprint>} answers the
 * armored key with {@code application/pgp-keys}, or 404 when it has none. It holds the keys it was given (bob's in
 * the demo). Two worker threads.
 *
 * <p>Thread-safe: the keys are an immutable map; the JDK server handles requests on its pool.
 */
public final class HkpKeyServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;

    private HkpKeyServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Starts the server.
     *
     * @param port the port to listen on, or 0 for a free one; a taken port falls back to a free one
     * @param keys armored key blocks by lower-case e-mail address and by upper-case {@code 0x} fingerprint
     * @return the running server
     * @throws IOException if no port can be bound
     */
    public static HkpKeyServer start(int port, Map<String, byte[]> keys) throws IOException {
        Map<String, byte[]> index = new HashMap<>();
        keys.forEach((key, value) -> index.put(key.toLowerCase(Locale.ROOT), value.clone()));
        Map<String, byte[]> frozen = Map.copyOf(index);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (BindException e) {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        }
        ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "sandbox-hkp");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/pks/lookup", exchange -> lookup(exchange, frozen));
        server.createContext("/", exchange -> answer(exchange, 404, "text/plain", "not an HKP request\n"));
        server.start();
        return new HkpKeyServer(server, workers);
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The server's URL for Mailseal's settings.
     *
     * @return {@code hkp://127.0.0.1:<port>}
     */
    public String url() {
        return "hkp://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void lookup(HttpExchange exchange, Map<String, byte[]> keys) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!"GET".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "text/plain", "only GET\n");
            return;
        }
        if (!"get".equals(query.get("op"))) {
            answer(exchange, 501, "text/plain", "only op=get is implemented\n");
            return;
        }
        String search = Objects.requireNonNullElse(query.get("search"), "").strip().toLowerCase(Locale.ROOT);
        byte[] key = keys.get(search);
        if (key == null) {
            answer(exchange, 404, "text/plain", "No results found\n");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/pgp-keys");
        exchange.sendResponseHeaders(200, key.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(key);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static void answer(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
