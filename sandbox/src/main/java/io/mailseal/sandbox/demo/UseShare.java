package io.mailseal.sandbox.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.RejectAllPublickeyAuthenticator;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The sandbox's demo SFTP share for the USE sync: Apache MINA SSHD on 127.0.0.1 with the SFTP subsystem only (no
 * shell, no exec, no port or agent forwarding), password login for one user, {@value #USER} with the password
 * {@value #PASSWORD} (a demo login, like the sandbox's other demo passwords: never a pattern for a real share).
 *
 * <p>What lives in the data directory:
 * <ul>
 *   <li>{@code use-share/}: the share's root, a virtual file system the client cannot leave ({@code /..} is
 *       {@code /}); on first start it gets the plugin's default directories {@link #DIRECTORIES}.</li>
 *   <li>{@code use-share-host-key.ser}: the host key, made on first start and kept, so the fingerprint the admin
 *       accepted on the USE sync screen stays valid across restarts. It is outside the share, so the share's user
 *       cannot read it.</li>
 *   <li>{@code use-examples/}: {@value #EXAMPLE_USE_IMPORT} and {@value #EXAMPLE_RULE_IMPORT}, written when
 *       missing (an edited example is left alone); the admin copies them into {@code use-share/import} to try a
 *       sync. They are not put into the share, so nothing runs until the admin asks for it.</li>
 * </ul>
 *
 * <p>Thread-safe: the SSH server serves any number of sessions on its own threads; start and close from one thread.
 */
public final class UseShare implements AutoCloseable {

    /** The demo login. */
    public static final String USER = "use";
    /** The demo password (demo only). */
    public static final String PASSWORD = "use";
    /** The directories made in the share on first start: the USE sync screen's defaults. */
    public static final List<String> DIRECTORIES = List.of("/import", "/keys/public", "/keys/private", "/return");
    /** The example {@code .useimport}'s file name in {@link #examples()}. */
    public static final String EXAMPLE_USE_IMPORT = "demo.useimport";
    /** The example {@code .ruleimport}'s file name in {@link #examples()}. */
    public static final String EXAMPLE_RULE_IMPORT = "demo.ruleimport";

    private static final String HOST = "127.0.0.1";
    private static final String HOST_KEY_FILE = "use-share-host-key.ser";

    private final SshServer server;
    private final Path root;
    private final Path examples;
    private final String fingerprint;

    private UseShare(SshServer server, Path root, Path examples, String fingerprint) {
        this.server = server;
        this.root = root;
        this.examples = examples;
        this.fingerprint = fingerprint;
    }

    /**
     * Starts the share, making its root, directories, host key and examples where they are missing.
     *
     * @param data the sandbox's data directory
     * @param port the port to listen on, or 0 for a free one; a taken port falls back to a free one
     * @return the running share; close it
     * @throws IOException if the files cannot be written or no port can be bound
     */
    public static UseShare start(Path data, int port) throws IOException {
        Objects.requireNonNull(data, "data");
        Path root = Files.createDirectories(data.resolve("use-share")).toAbsolutePath().normalize();
        for (String directory : DIRECTORIES) {
            Files.createDirectories(root.resolve(directory.substring(1)));
        }
        Path examples = writeExamples(Files.createDirectories(data.resolve("use-examples")));
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(data.resolve(HOST_KEY_FILE));
        String fingerprint = fingerprint(hostKey);
        SshServer server;
        try {
            server = listen(root, hostKey, port);
        } catch (IOException taken) {
            if (port == 0) {
                throw taken;
            }
            server = listen(root, hostKey, 0);
        }
        return new UseShare(server, root, examples.toAbsolutePath().normalize(), fingerprint);
    }

    private static SshServer listen(Path root, SimpleGeneratorHostKeyProvider hostKey, int port) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(HOST);
        server.setPort(port);
        server.setKeyPairProvider(hostKey);
        server.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && password != null
                && MessageDigest.isEqual(PASSWORD.getBytes(StandardCharsets.UTF_8),
                        password.getBytes(StandardCharsets.UTF_8)));
        server.setPublickeyAuthenticator(RejectAllPublickeyAuthenticator.INSTANCE);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setShellFactory(null);
        server.setCommandFactory(null);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setAgentFactory(null);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        try {
            server.start();
        } catch (IOException e) {
            server.stop(true);
            throw e;
        }
        return server;
    }

    private static String fingerprint(SimpleGeneratorHostKeyProvider hostKey) throws IOException {
        Iterator<KeyPair> keys = hostKey.loadKeys(null).iterator();
        if (!keys.hasNext()) {
            throw new IOException("no SFTP host key could be read or made");
        }
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, keys.next().getPublic());
    }

    private static Path writeExamples(Path directory) throws IOException {
        for (String name : List.of(EXAMPLE_USE_IMPORT, EXAMPLE_RULE_IMPORT)) {
            Path file = directory.resolve(name);
            if (Files.exists(file)) {
                continue;
            }
            try (InputStream in = UseShare.class.getResourceAsStream("use-examples/" + name)) {
                if (in == null) {
                    throw new IOException("the sandbox jar has no example " + name);
                }
                Path temporary = directory.resolve(name + ".tmp");
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return directory;
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getPort();
    }

    /**
     * The host to enter on the USE sync screen.
     *
     * @return {@code 127.0.0.1}
     */
    public String host() {
        return HOST;
    }

    /**
     * The share as a URL, for the console.
     *
     * @return {@code sftp://use@127.0.0.1:<port>}
     */
    public String url() {
        return "sftp://" + USER + "@" + HOST + ":" + port();
    }

    /**
     * The share's root on disk; {@code /import} of the share is {@code root().resolve("import")}.
     *
     * @return the absolute path
     */
    public Path root() {
        return root;
    }

    /**
     * Where the example import files are (outside the share).
     *
     * @return the absolute path
     */
    public Path examples() {
        return examples;
    }

    /**
     * The host key's fingerprint as OpenSSH and the USE sync screen show it.
     *
     * @return {@code SHA256:} and unpadded base64
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** Stops the server and ends every open session. */
    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
