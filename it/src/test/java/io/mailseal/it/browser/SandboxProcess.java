package io.mailseal.it.browser;

import io.mailseal.sandbox.SandboxConfig;
import io.mailseal.testkit.LocalProcesses;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sandbox as a newcomer runs it, {@code java -jar sandbox/target/mailseal-sandbox.jar --port PORT --data DIR},
 * in a child JVM on a free 127.0.0.1 port with its own data directory. {@link #restart()} stops it (TERM: its
 * shutdown hook stops every part) and starts it again on the same port and data, as a restart by hand would.
 * Its console goes to a log file the test names.
 *
 * <p>Not thread-safe: start, restart and close from the test's thread.
 */
final class SandboxProcess implements AutoCloseable {

    private static final String RUNNING = "Mailseal sandbox running at ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path jar;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private Process process;
    private Thread console;
    private String baseUrl;

    private SandboxProcess(Path jar, Path dataDir, Path log, int port) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the sandbox the reactor built (the sandbox jar on this test's class path, with its {@code lib/},
     * {@code bundles/} and {@code plugin/} next to it).
     *
     * @param dataDir the sandbox's data directory (created if missing)
     * @param log     where its console goes (replaced; appended to across restarts)
     * @return the running sandbox
     */
    static SandboxProcess start(Path dataDir, Path log) throws IOException, InterruptedException {
        Path distribution = SandboxConfig.distributionOfRunningCode();
        Path jar = distribution.resolve("mailseal-sandbox.jar");
        for (Path needed : List.of(jar, distribution.resolve("lib"), distribution.resolve("bundles"),
                distribution.resolve("plugin"))) {
            if (!Files.exists(needed)) {
                throw new IllegalStateException(needed + " is missing: build the sandbox in the same Maven run"
                        + " (mvn verify from the root, or mvn -pl sandbox,it -am verify)");
            }
        }
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        SandboxProcess sandbox = new SandboxProcess(jar, dataDir, log, LocalProcesses.freeLoopbackPort());
        sandbox.launch();
        return sandbox;
    }

    /**
     * The base URL, e.g. {@code http://127.0.0.1:40123}, the same across restarts.
     *
     * @return the URL without a trailing slash
     */
    String baseUrl() {
        return baseUrl;
    }

    /**
     * What the sandbox printed so far, across restarts.
     *
     * @return its console
     */
    String console() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Stops the sandbox cleanly and starts it again with the same port and data directory. */
    void restart() throws IOException, InterruptedException {
        close();
        launch();
    }

    /**
     * Stops the sandbox: TERM (its shutdown hook stops every part and says so on the console), KILL only if that
     * takes too long. TERM goes through the process handle: {@link Process#destroy()} would also close the console
     * pipe at once and lose the sandbox's last words.
     */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        try {
            process.toHandle().destroy();
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LocalProcesses.stop(process, STOP_GRACE);
            }
            console.join(STOP_GRACE.toMillis());
        } catch (InterruptedException e) {
            LocalProcesses.stop(process, STOP_GRACE);
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    private void launch() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(), "--port", Integer.toString(port),
                "--data", dataDir.toString()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<String> running = new CompletableFuture<>();
        Process started = process;
        console = new Thread(() -> copyConsole(started, running), "sandbox-console");
        console.setDaemon(true);
        console.start();
        try {
            baseUrl = running.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("the sandbox did not start (" + e.getMessage() + "); its console:\n"
                    + Files.readString(log), e);
        }
    }

    private void copyConsole(Process child, CompletableFuture<String> running) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (line.startsWith(RUNNING)) {
                    String url = line.substring(RUNNING.length()).trim();
                    running.complete(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
                }
            }
            running.completeExceptionally(new IllegalStateException("exited with " + child.waitFor()));
        } catch (IOException e) {
            running.completeExceptionally(new UncheckedIOException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.completeExceptionally(e);
        }
    }
}
