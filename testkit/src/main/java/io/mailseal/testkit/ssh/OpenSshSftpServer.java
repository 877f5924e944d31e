package io.mailseal.testkit.ssh;

import io.mailseal.testkit.LocalProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real OpenSSH {@code sshd} (Debian's {@code /usr/sbin/sshd}) that serves only SFTP, rooted at a data directory of
 * the test's, on 127.0.0.1 on a free port; for integration tests of the USE import share.
 *
 * <p>Built as {@code ../shared/reference/test-peers.md} (section 3) describes: a fresh ed25519 host key and client key
 * made by {@code ssh-keygen}, public-key login only for the user running the test, {@code ForceCommand internal-sftp
 * -d DATA} (no chroot: /tmp is world-writable), no PAM, no forwarding; {@code sshd -D -e} in the foreground. Ready
 * when the port answers with an SSH banner; a start that loses its port is retried on a new one.
 *
 * <p>Not thread-safe to start; {@link #close()} (TERM, wait, then KILL) may be called from any thread.
 */
public final class OpenSshSftpServer implements AutoCloseable {

    /** Where Debian installs sshd. */
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    /** Where Debian installs ssh-keygen. */
    public static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
    /** The host it listens on. */
    public static final String HOST = "127.0.0.1";

    private static final Path PRIVSEP_DIR = Path.of("/run/sshd");
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private final Process process;
    private final int port;

    private OpenSshSftpServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /**
     * Whether sshd and ssh-keygen are installed (Debian packages {@code openssh-server}, {@code openssh-client}).
     *
     * @return true if both are executable
     */
    public static boolean installed() {
        return Files.isExecutable(SSHD) && Files.isExecutable(SSH_KEYGEN);
    }

    /**
     * Generates keys, writes the configuration into {@code dir} and starts sshd.
     *
     * @param dir a directory of the test's; the share's files are in {@code dir/data}
     * @return the running server
     * @throws IllegalStateException when sshd is not installed or does not start
     */
    public static OpenSshSftpServer start(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!installed()) {
            throw new IllegalStateException("sshd is not installed (Debian package openssh-server)");
        }
        try {
            Files.createDirectories(dir.resolve("data"));
            if (!Files.isDirectory(PRIVSEP_DIR)) {
                Files.createDirectories(PRIVSEP_DIR);
            }
            run(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "host", "-f",
                    dir.resolve("host_ed25519").toString());
            run(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "client", "-f",
                    dir.resolve("client_ed25519").toString());
            Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare sshd in " + dir, e);
        }
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = LocalProcesses.freeLoopbackPort();
            Process process = launch(dir, port, attempt);
            try {
                awaitBanner(process, port, dir.resolve("sshd-" + attempt + ".log"));
                return new OpenSshSftpServer(dir, process, port);
            } catch (IllegalStateException e) {
                LocalProcesses.stop(process, STOP_TIMEOUT);
                last = e;
            }
        }
        throw last;
    }

    /**
     * The host.
     *
     * @return {@value #HOST}
     */
    public String host() {
        return HOST;
    }

    /**
     * The port.
     *
     * @return the port it listens on
     */
    public int port() {
        return port;
    }

    /**
     * The share's root: what an SFTP client sees as its start directory.
     *
     * @return {@code dir/data}
     */
    public Path data() {
        return dir.resolve("data");
    }

    /**
     * The login: the user running the test (sshd can only log in its own user when not root).
     *
     * @return the user name
     */
    public String user() {
        return System.getProperty("user.name");
    }

    /**
     * The client's private key, OpenSSH format, no passphrase.
     *
     * @return the key text
     */
    public String clientPrivateKey() {
        return read(dir.resolve("client_ed25519"));
    }

    /**
     * The host key's fingerprint as OpenSSH shows it ({@code SHA256:} and unpadded base64 of the key blob).
     *
     * @return the fingerprint
     */
    public String hostKeyFingerprint() {
        String[] line = read(dir.resolve("host_ed25519.pub")).strip().split("\\s+");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(line[1]));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the process still runs.
     *
     * @return true while alive
     */
    public boolean running() {
        return process.isAlive();
    }

    @Override
    public void close() {
        LocalProcesses.stop(process, STOP_TIMEOUT);
    }

    private static Process launch(Path dir, int port, int attempt) {
        Path config = dir.resolve("sshd_config");
        String text = String.join("\n", List.of(
                "Port " + port,
                "ListenAddress " + HOST,
                "HostKey " + dir.resolve("host_ed25519"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "AllowTcpForwarding no",
                "X11Forwarding no",
                "AllowUsers " + System.getProperty("user.name"),
                "Subsystem sftp internal-sftp",
                "ForceCommand internal-sftp -d " + dir.resolve("data"))) + "\n";
        try {
            Files.writeString(config, text, StandardCharsets.UTF_8);
            return new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd-" + attempt + ".log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sshd", e);
        }
    }

    private static void awaitBanner(Process process, int port, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited: " + read(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 500);
                socket.setSoTimeout(2000);
                InputStream in = socket.getInputStream();
                byte[] banner = new byte[8];
                int n = in.readNBytes(banner, 0, banner.length);
                if (new String(banner, 0, n, StandardCharsets.US_ASCII).startsWith("SSH-2.0")) {
                    return;
                }
            } catch (IOException notYet) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
        throw new IllegalStateException("sshd did not answer on port " + port + ": " + read(log));
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command[0] + " timed out");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
