package io.mailseal.testkit.http;

import io.mailseal.testkit.LocalProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Debian's real SKS key server ({@code /usr/sbin/sks}, package {@code sks} 1.1.6) with an empty database, serving HKP
 * on 127.0.0.1 on a free port, for integration tests (test-peers.md section 2, keys-and-crypto.md 6.2).
 *
 * <p>{@link #start(Path)} builds SKS's tree under the given directory (Debian's build prefixes all its paths with
 * {@code -basedir}), writes {@code sksconf} with {@code hkp_address: 127.0.0.1} (without it SKS binds every
 * interface) and a host name unique to this instance, creates the empty database with {@code sks build}, starts
 * {@code sks db} as a child process and polls {@code /pks/lookup?op=stats} until the page names this instance's host
 * name (so a foreign server that took the port is never mistaken for ours), within a deadline, checking that the
 * process is alive. {@link #close()} stops it with SIGTERM and waits (forcibly after 10 s). SKS's output goes to
 * {@code build.log} and {@code db.log} in the directory.
 *
 * <p>Keys are added with {@link #addKey} ({@code POST /pks/add}, {@code keytext=} first as SKS requires) and are
 * visible to the next lookup. SKS searches by words, ignores {@code exact=on} and needs {@code 0x} before key IDs.
 *
 * <p>Thread-safe after start; one instance per directory.
 */
public final class SksServer implements AutoCloseable {

    /** Where Debian installs SKS. */
    public static final Path EXECUTABLE = Path.of("/usr/sbin/sks");
    /** How long {@link #start(Path)} waits for the server to answer by default. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration POLL_PAUSE = Duration.ofMillis(50);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path baseDir;
    private final int port;
    private final String hostname;
    private final Process process;
    private final HttpClient client;

    private SksServer(Path baseDir, int port, String hostname, Process process, HttpClient client) {
        this.baseDir = baseDir;
        this.port = port;
        this.hostname = hostname;
        this.process = process;
        this.client = client;
    }

    /**
     * Whether SKS is installed where Debian puts it.
     *
     * @return true if {@link #EXECUTABLE} is an executable file
     */
    public static boolean isInstalled() {
        return Files.isExecutable(EXECUTABLE);
    }

    /**
     * Starts SKS with the default start timeout.
     *
     * @param baseDir an empty directory for SKS's files (a JUnit {@code @TempDir})
     * @return the running server
     * @throws IllegalStateException if SKS is missing, fails or does not answer in time (with its log)
     */
    public static SksServer start(Path baseDir) {
        return start(baseDir, DEFAULT_START_TIMEOUT);
    }

    /**
     * Starts SKS.
     *
     * @param baseDir      an empty directory for SKS's files
     * @param startTimeout how long to wait for {@code op=stats} to answer
     * @return the running server
     * @throws IllegalStateException if SKS is missing, fails or does not answer in time (with its log)
     */
    public static SksServer start(Path baseDir, Duration startTimeout) {
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (!isInstalled()) {
            throw new IllegalStateException(EXECUTABLE + " is missing: install Debian's sks package"
                    + " (apt-get install --no-install-recommends sks)");
        }
        Path base = baseDir.toAbsolutePath();
        int port = LocalProcesses.freeLoopbackPort();
        int reconPort = LocalProcesses.freeLoopbackPort();
        while (reconPort == port) {
            reconPort = LocalProcesses.freeLoopbackPort();
        }
        String hostname = "mailseal-" + UUID.randomUUID().toString().substring(0, 8) + ".test.invalid";
        try {
            for (String dir : List.of("etc/sks", "var/lib/sks/dump", "var/lib/sks/www", "var/run/sks", "var/log/sks",
                    "var/spool/sks/messages", "var/spool/sks/failed_messages")) {
                Files.createDirectories(base.resolve(dir));
            }
            Files.writeString(base.resolve("etc/sks/sksconf"), "hostname: " + hostname + "\n"
                    + "hkp_address: 127.0.0.1\n"
                    + "hkp_port: " + port + "\n"
                    + "recon_address: 127.0.0.1\n"
                    + "recon_port: " + reconPort + "\n"
                    + "pagesize: 16\n"
                    + "ptree_pagesize: 16\n");
            Files.writeString(base.resolve("etc/sks/membership"), "");
            Files.writeString(base.resolve("etc/sks/mailsync"), "");
            Files.write(base.resolve("var/lib/sks/dump/empty.pgp"), new byte[0]);
            Files.writeString(base.resolve("var/lib/sks/www/index.html"), "<html>sks</html>\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the SKS directory " + base, e);
        }
        build(base, startTimeout);
        Process process;
        try {
            process = new ProcessBuilder(EXECUTABLE.toString(), "db", "-basedir", base.toString(), "-stdoutlog")
                    .directory(base.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(base.resolve("db.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + EXECUTABLE + " db", e);
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        SksServer server = new SksServer(base, port, hostname, process, client);
        try {
            server.awaitReady(startTimeout);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * The HKP port on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The server's root URL.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * The server as a key server URL.
     *
     * @return {@code hkp://127.0.0.1:<port>}
     */
    public String hkpUrl() {
        return "hkp://127.0.0.1:" + port;
    }

    /**
     * The directory SKS works in.
     *
     * @return the base directory
     */
    public Path baseDir() {
        return baseDir;
    }

    /**
     * Uploads a key with {@code POST /pks/add}.
     *
     * @param armoredKey an ASCII-armored public key
     * @return SKS's answer (an HTML snippet)
     * @throws IllegalStateException if SKS does not answer 200 (its answer says why, e.g. "identical key already
     *                               exists")
     */
    public String addKey(byte[] armoredKey) {
        String form = "keytext=" + URLEncoder.encode(new String(armoredKey, StandardCharsets.US_ASCII),
                StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/pks/add"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        // a client of its own: SKS answers HTTP/1.0 and may drop a connection the shared client would reuse, and the
        // JDK client retries a GET on such a connection but never a POST
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            response = fresh.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + baseUri() + "/pks/add failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding a key to SKS", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("SKS refused the key: HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /**
     * Whether the SKS process is still running.
     *
     * @return true if alive
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops SKS: SIGTERM and wait; SIGKILL if it has not ended after 10 s. Idempotent. */
    @Override
    public void close() {
        LocalProcesses.stop(process, STOP_TIMEOUT);
    }

    @Override
    public String toString() {
        return "SksServer[" + hkpUrl() + ", " + baseDir + "]";
    }

    private static void build(Path base, Duration timeout) {
        Path log = base.resolve("build.log");
        try {
            Process build = new ProcessBuilder(EXECUTABLE.toString(), "build",
                    base.resolve("var/lib/sks/dump/empty.pgp").toString(), "-basedir", base.toString(),
                    "-n", "10", "-cache", "100", "-stdoutlog")
                    .directory(base.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!build.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                build.destroyForcibly();
                build.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                throw new IllegalStateException("sks build did not finish within " + timeout + "; log: " + tail(log));
            }
            if (build.exitValue() != 0) {
                throw new IllegalStateException("sks build failed with exit code " + build.exitValue() + "; log: "
                        + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + EXECUTABLE + " build", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the SKS database", e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI stats = baseUri().resolve("/pks/lookup?op=stats");
        String last = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sks db exited with code " + process.exitValue() + " before answering;"
                        + " log: " + tail(baseDir.resolve("db.log")));
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(stats)
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains(hostname)) {
                    return;
                }
                last = "HTTP " + response.statusCode() + (response.body().contains(hostname) ? ""
                        : " from a server that is not this SKS (host name " + hostname + " missing)");
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for SKS", e);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("SKS did not answer on " + stats + " within " + timeout + " (" + last
                        + "); log: " + tail(baseDir.resolve("db.log")));
            }
            LockSupport.parkNanos(POLL_PAUSE.toNanos());
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
