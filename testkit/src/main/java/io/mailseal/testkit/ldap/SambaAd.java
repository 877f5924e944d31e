package io.mailseal.testkit.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
import io.mailseal.testkit.LocalProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Samba 4 Active Directory domain controller ({@code AD.EXAMPLE.TEST}, domain {@code DC=ad,DC=example,DC=test})
 * provisioned into a directory of the test's and run in the foreground on loopback, for integration tests; the way
 * {@code ../shared/reference/test-peers.md} section 8 describes it.
 *
 * <p>It listens on the standard ports (LDAP 389, LDAPS 636, Global Catalog 3268/3269, Kerberos 88) of 127.0.0.1 and
 * ::1, so it needs root, the Debian packages {@code samba samba-ad-dc samba-ad-provision samba-dsdb-modules
 * samba-vfs-modules winbind}, and those ports free: check {@link #available()} first. Simple binds over plain LDAP are
 * allowed ({@code ldap server require strong auth = no}); anonymous searches are refused, as in Active Directory.
 * Provisioning takes 5-10 s and 40 MB.
 *
 * <p>Not thread-safe to start; {@link #close()} (TERM, wait, then KILL) may be called from any thread.
 */
public final class SambaAd implements AutoCloseable {

    /** The domain's naming context. */
    public static final String DOMAIN_DN = "DC=ad,DC=example,DC=test";
    /** The Administrator's user principal name, usable as a simple bind DN. */
    public static final String ADMINISTRATOR = "Administrator@ad.example.test";
    /** The Administrator's password. */
    public static final String ADMIN_PASSWORD = "Passw0rd!Test";
    /** LDAP's port. */
    public static final int LDAP_PORT = 389;
    /** The Global Catalog's port. */
    public static final int GLOBAL_CATALOG_PORT = 3268;
    /** The host it is asked on. */
    public static final String HOST = "127.0.0.1";

    private static final Path SAMBA = Path.of("/usr/sbin/samba");
    private static final Path SAMBA_TOOL = Path.of("/usr/bin/samba-tool");
    private static final Duration PROVISION_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final List<Integer> PORTS = List.of(88, 389, 636, 3268, 3269);

    private final Process process;
    private final Path dir;

    private SambaAd(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /**
     * Whether a domain controller can run here: Samba installed, running as root, and the AD ports free on 127.0.0.1.
     *
     * @return empty if it can, otherwise why not
     */
    public static Optional<String> available() {
        if (!Files.isExecutable(SAMBA) || !Files.isExecutable(SAMBA_TOOL)) {
            return Optional.of("samba-tool is not installed (Debian packages samba samba-ad-dc "
                    + "samba-ad-provision samba-dsdb-modules samba-vfs-modules winbind)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("a Samba domain controller needs root");
        }
        for (int port : PORTS) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return Optional.of("port " + port + " on " + HOST + " is taken: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Provisions a domain into the directory and starts the domain controller, waiting until LDAP answers.
     *
     * @param dir an empty or missing directory
     * @return the running domain controller
     * @throws IllegalStateException naming the step and showing Samba's output if it fails
     */
    public static SambaAd start(Path dir) {
        Path target = dir.toAbsolutePath();
        try {
            Files.createDirectories(target);
            run(target.resolve("provision.log"), SAMBA_TOOL.toString(), "domain", "provision",
                    "--targetdir=" + target, "--realm=AD.EXAMPLE.TEST", "--domain=ADTEST", "--server-role=dc",
                    "--dns-backend=SAMBA_INTERNAL", "--adminpass=" + ADMIN_PASSWORD, "--use-rfc2307",
                    "--host-name=dc1", "--host-ip=127.0.0.1");
            Files.createDirectories(target.resolve("log"));
            Files.writeString(target.resolve("etc/smb.conf"), String.join("\n",
                    "[global]",
                    "\tnetbios name = DC1",
                    "\tworkgroup = ADTEST",
                    "\trealm = AD.EXAMPLE.TEST",
                    "\tserver role = active directory domain controller",
                    "\tidmap_ldb:use rfc2307 = yes",
                    "\tinterfaces = lo",
                    "\tbind interfaces only = yes",
                    "\tdisable netbios = yes",
                    "\tserver services = ldap, cldap, kdc, rpc, drepl, kcc",
                    "\tldap server require strong auth = no",
                    "\tprivate dir = " + target.resolve("private"),
                    "\tstate directory = " + target.resolve("state"),
                    "\tcache directory = " + target.resolve("cache"),
                    "\tlock directory = " + target,
                    "\tbinddns dir = " + target.resolve("bind-dns"),
                    "\tlog file = " + target.resolve("log/log.%m"),
                    "\tlogging = file",
                    ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot provision Samba in " + target, e);
        }
        Process process;
        try {
            process = new ProcessBuilder(SAMBA.toString(), "-i", "-s", target.resolve("etc/smb.conf").toString())
                    .redirectErrorStream(true).redirectOutput(target.resolve("samba.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + SAMBA, e);
        }
        SambaAd samba = new SambaAd(process, target);
        try {
            samba.awaitReady();
        } catch (IllegalStateException e) {
            samba.close();
            throw e;
        }
        return samba;
    }

    /**
     * The host it is asked on.
     *
     * @return {@value #HOST}
     */
    public String host() {
        return HOST;
    }

    /**
     * A connection bound as the Administrator; the caller closes it.
     *
     * @return the connection
     */
    public LDAPConnection administratorConnection() {
        try {
            LDAPConnection connection = new LDAPConnection(HOST, LDAP_PORT);
            connection.bind(ADMINISTRATOR, ADMIN_PASSWORD);
            return connection;
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot bind to Samba as " + ADMINISTRATOR, e);
        }
    }

    /**
     * The directory holding the domain and {@code samba.log}.
     *
     * @return the directory
     */
    public Path directory() {
        return dir;
    }

    /** Stops Samba: TERM, wait up to 15 s, then KILL and wait. */
    @Override
    public void close() {
        LocalProcesses.stop(process, STOP_TIMEOUT);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(500);
        options.setResponseTimeoutMillis(2000);
        String problem = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("samba exited with code " + process.exitValue() + ":\n"
                        + tail(dir.resolve("samba.log")));
            }
            try (LDAPConnection connection = new LDAPConnection(options, HOST, LDAP_PORT)) {
                RootDSE root = connection.getRootDSE();
                if (root != null && DOMAIN_DN.equalsIgnoreCase(root.getAttributeValue("defaultNamingContext"))) {
                    return;
                }
                problem = "port " + LDAP_PORT + " answers without " + DOMAIN_DN;
            } catch (LDAPException e) {
                problem = e.getMessage();
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IllegalStateException("samba not ready within " + START_TIMEOUT.toSeconds() + " s: " + problem);
    }

    private static void run(Path log, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!process.waitFor(PROVISION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command[0] + " " + command[1] + " did not end within "
                        + PROVISION_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command[0] + " " + command[1] + " " + command[2] + " failed with exit code "
                    + process.exitValue() + ":\n" + tail(log));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
