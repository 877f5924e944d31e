package io.mailseal.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real GnuPG ({@code gpg} on the PATH) in its own temporary {@code GNUPGHOME}, as an independent reader of the
 * keys and messages Mailseal makes (see test-peers.md: gpg as decryption oracle). {@link #close()} stops the agent
 * gpg starts for the home.
 *
 * <p>Not thread-safe: one test uses one instance.
 */
public final class GnuPg implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path dir;
    private final Path home;

    /**
     * What one gpg run gave.
     *
     * @param exitCode the exit code
     * @param stdout   standard output (status lines with {@code --status-fd 1}, listings with {@code --with-colons})
     * @param stderr   standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Creates a home under a directory.
     *
     * @param dir a temporary directory of the test
     * @throws IOException if the home cannot be created
     */
    public GnuPg(Path dir) throws IOException {
        this.dir = dir;
        this.home = Files.createDirectory(dir.resolve("gnupg-" + System.nanoTime()),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * Whether {@code gpg} can be run here.
     *
     * @return true if {@code gpg --version} exits 0
     */
    public static boolean available() {
        try {
            Process process = new ProcessBuilder("gpg", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Imports keys (public or secret, armored or binary).
     *
     * @param key the key bytes
     * @return the run
     * @throws IOException if gpg cannot be run
     */
    public Result importKey(byte[] key) throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "key", ".asc"), key);
        return run(List.of("--batch", "--import", file.toString()));
    }

    /**
     * The keys in the home, {@code --with-colons}.
     *
     * @return the run; stdout holds {@code pub}, {@code uid}, {@code sub} lines
     * @throws IOException if gpg cannot be run
     */
    public Result listKeys() throws IOException {
        return run(List.of("--batch", "--with-colons", "--fixed-list-mode", "--list-keys"));
    }

    /**
     * Decrypts an OpenPGP message (armored or binary) with the secret keys in the home.
     *
     * @param message the message
     * @param output  where the plaintext goes
     * @return the run; stdout holds the status lines
     * @throws IOException if gpg cannot be run
     */
    public Result decrypt(byte[] message, Path output) throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "message", ".asc"), message);
        Files.deleteIfExists(output);
        return run(List.of("--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--status-fd", "1",
                "--output", output.toString(), "--decrypt", file.toString()));
    }

    /**
     * Signs data with the default secret key, unlocking it with a passphrase given through loopback pinentry (batch):
     * proves a protected secret key opens with that passphrase. The agent caches a passphrase that worked, so try a
     * wrong one before the right one.
     *
     * @param passphrase the passphrase to unlock the key
     * @param data       what to sign
     * @return the run; exit code 0 if the passphrase unlocked the key
     * @throws IOException if gpg cannot be run
     */
    public Result signWithPassphrase(String passphrase, byte[] data) throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "data", ".txt"), data);
        Path signature = dir.resolve("signature-" + System.nanoTime() + ".asc");
        return run(List.of("--batch", "--pinentry-mode", "loopback", "--passphrase", passphrase, "--status-fd", "1",
                "--armor", "--output", signature.toString(), "--detach-sign", file.toString()));
    }

    /**
     * The packets of OpenPGP data, as {@code gpg --list-packets} shows them (secret key protection included).
     *
     * @param data the data, armored or binary
     * @return the run; stdout holds the listing
     * @throws IOException if gpg cannot be run
     */
    public Result listPackets(byte[] data) throws IOException {
        Path file = Files.write(Files.createTempFile(dir, "packets", ".asc"), data);
        return run(List.of("--batch", "--list-packets", file.toString()));
    }

    /**
     * The armored OpenPGP message inside a PGP/MIME entity (the second part of {@code multipart/encrypted}).
     *
     * @param entity the entity's bytes
     * @return the {@code BEGIN PGP MESSAGE} block, line ends as they are
     */
    public static byte[] armoredMessage(byte[] entity) {
        String text = new String(entity, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("-----BEGIN PGP MESSAGE-----");
        String end = "-----END PGP MESSAGE-----";
        int stop = text.indexOf(end, start);
        if (start < 0 || stop < 0) {
            throw new IllegalArgumentException("no armored OpenPGP message in the entity");
        }
        return text.substring(start, stop + end.length()).getBytes(StandardCharsets.ISO_8859_1);
    }

    private Result run(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString()));
        command.addAll(arguments);
        Path stdout = Files.createTempFile(dir, "stdout", ".txt");
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("GNUPGHOME", home.toString());
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("gpg did not finish in " + TIMEOUT_SECONDS + " s: " + command);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for gpg", e);
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** Stops the agent gpg started for this home. */
    @Override
    public void close() throws IOException {
        Process kill = new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            kill.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
