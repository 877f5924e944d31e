package io.mailseal.testkit.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
import io.mailseal.testkit.LocalProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real OpenLDAP {@code slapd} (Debian's {@code /usr/sbin/slapd}) with a private {@code cn=config} and an mdb
 * database in a directory of the test's, listening on 127.0.0.1 on a free port; for integration tests.
 *
 * <p>It is built the way {@code ../shared/reference/test-peers.md} (section 1, Appendix A {@code mkslapd}) describes:
 * {@code slapadd -n0} writes the configuration (schemas core, cosine, inetorgperson, GnuPG's key server schema and the
 * test-only {@code pgpKeyV2} schema, converted from the LDIF next to {@link InMemoryLdapServer}; anonymous read; rootDN
 * {@code cn=admin,<suffix>} with password {@value #ADMIN_PASSWORD}), {@code slapadd} loads the seed offline (so
 * referral entries need no ManageDsaIT), then {@code slapd -d 0} runs in the foreground. Readiness is polled with an
 * LDAP connection until a deadline; the port is chosen by binding port 0 and closing it, and a start that loses the
 * port to another process is retried on a new one.
 *
 * <pre>{@code
 * try (Slapd slapd = Slapd.builder(tempDir.resolve("ldap1"), "dc=example,dc=com")
 *         .seed("dn: ou=people,dc=example,dc=com\nobjectClass: organizationalUnit\nou: people\n")
 *         .start()) {
 *     ... slapd.port() ...
 * }
 * }</pre>
 *
 * <p>Not thread-safe to configure; {@link #close()} (TERM, wait, then KILL) may be called from any thread.
 */
public final class Slapd implements AutoCloseable {

    /** The rootDN's password. */
    public static final String ADMIN_PASSWORD = "secret";
    /** Where Debian installs slapd. */
    public static final Path SLAPD = Path.of("/usr/sbin/slapd");
    /** Where Debian installs slapadd. */
    public static final Path SLAPADD = Path.of("/usr/sbin/slapadd");
    /** The host it listens on. */
    public static final String HOST = "127.0.0.1";

    private static final Path SCHEMA_DIR = Path.of("/etc/ldap/schema");
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private final String suffix;
    private final Process process;
    private final int port;

    private Slapd(Path dir, String suffix, Process process, int port) {
        this.dir = dir;
        this.suffix = suffix;
        this.process = process;
        this.port = port;
    }

    /**
     * Whether slapd and slapadd are installed (Debian package {@code slapd}).
     *
     * @return true if both are executable
     */
    public static boolean installed() {
        return Files.isExecutable(SLAPD) && Files.isExecutable(SLAPADD)
                && Files.isReadable(SCHEMA_DIR.resolve("inetorgperson.ldif"));
    }

    /**
     * Starts describing a server.
     *
     * @param dir    an empty or missing directory for its configuration, database and log (a {@code @TempDir})
     * @param suffix its naming context, e.g. {@code dc=example,dc=com}; the root entry is added automatically
     * @return the builder
     */
    public static Builder builder(Path dir, String suffix) {
        return new Builder(dir, suffix);
    }

    /**
     * One LDIF line for a binary value: {@code name:: <base64>}.
     *
     * @param attribute the attribute description, e.g. {@code userCertificate;binary}
     * @param value     the bytes
     * @return the line, without line break
     */
    public static String ldif(String attribute, byte[] value) {
        return attribute + ":: " + Base64.getEncoder().encodeToString(value);
    }

    /**
     * The host it listens on.
     *
     * @return {@value #HOST}
     */
    public String host() {
        return HOST;
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Its URL.
     *
     * @return {@code ldap://127.0.0.1:<port>}
     */
    public String url() {
        return "ldap://" + HOST + ":" + port;
    }

    /**
     * Its naming context.
     *
     * @return the suffix
     */
    public String suffix() {
        return suffix;
    }

    /**
     * The rootDN, which can bind with {@value #ADMIN_PASSWORD}.
     *
     * @return {@code cn=admin,<suffix>}
     */
    public String adminDn() {
        return "cn=admin," + suffix;
    }

    /**
     * The directory holding its configuration, database and {@code slapd.log}.
     *
     * @return the directory
     */
    public Path directory() {
        return dir;
    }

    /**
     * Whether the process still runs.
     *
     * @return true if alive
     */
    public boolean running() {
        return process.isAlive();
    }

    /** Stops slapd: TERM, wait up to 10 s, then KILL and wait. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        LocalProcesses.stop(process, STOP_TIMEOUT);
    }

    /** Describes the server before it starts. Not thread-safe. */
    public static final class Builder {

        private final Path dir;
        private final String suffix;
        private final StringBuilder seed = new StringBuilder();

        private Builder(Path dir, String suffix) {
            this.dir = Objects.requireNonNull(dir, "dir");
            this.suffix = Objects.requireNonNull(suffix, "suffix");
        }

        /**
         * Adds entries to load before the start (LDIF, entries separated by blank lines; binary values with
         * {@link Slapd#ldif(String, byte[])}). The suffix's root entry is added automatically.
         *
         * @param ldif the entries
         * @return this builder
         */
        public Builder seed(String ldif) {
            seed.append(ldif.strip()).append("\n\n");
            return this;
        }

        /**
         * Adds one entry to load before the start.
         *
         * @param lines the entry's LDIF lines ({@code dn: ...} first)
         * @return this builder
         */
        public Builder seedEntry(String... lines) {
            return seed(String.join("\n", lines));
        }

        /**
         * Writes the configuration, loads the seed and starts slapd, waiting until it answers.
         *
         * @return the running server
         * @throws IllegalStateException naming the step and showing slapd's output if it fails
         */
        public Slapd start() {
            if (!installed()) {
                throw new IllegalStateException("slapd is not installed (Debian package slapd)");
            }
            try {
                Files.createDirectories(dir.resolve("slapd.d"));
                Files.createDirectories(dir.resolve("db"));
                Path gnupg = olcSchema("gnupg-ldap-schema.ldif", "gnupg-keyserver");
                Path pgpKeyV2 = olcSchema("pgpkeyv2-test-schema.ldif", "pgpkeyv2-test");
                Path config = dir.resolve("config.ldif");
                Files.writeString(config, configLdif(List.of(SCHEMA_DIR.resolve("core.ldif"),
                        SCHEMA_DIR.resolve("cosine.ldif"), SCHEMA_DIR.resolve("inetorgperson.ldif"), gnupg, pgpKeyV2)));
                run(SLAPADD.toString(), "-q", "-n0", "-F", dir.resolve("slapd.d").toString(), "-l", config.toString());
                Path seedFile = dir.resolve("seed.ldif");
                Files.writeString(seedFile, rootEntry() + "\n" + seed, StandardCharsets.UTF_8);
                run(SLAPADD.toString(), "-q", "-F", dir.resolve("slapd.d").toString(), "-b", suffix, "-l",
                        seedFile.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare slapd in " + dir, e);
            }
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = LocalProcesses.freeLoopbackPort();
                Process process = launch(port, attempt);
                try {
                    awaitReady(process, port, dir.resolve("slapd-" + attempt + ".log"));
                    return new Slapd(dir, suffix, process, port);
                } catch (IllegalStateException e) {
                    stop(process);
                    last = e;
                }
            }
            throw last;
        }

        private String rootEntry() {
            String rdn = suffix.split(",", 2)[0];
            String attribute = rdn.substring(0, rdn.indexOf('=')).strip();
            String value = rdn.substring(rdn.indexOf('=') + 1).strip();
            if (attribute.equalsIgnoreCase("dc")) {
                return "dn: " + suffix + "\nobjectClass: dcObject\nobjectClass: organization\ndc: " + value
                        + "\no: " + value + "\n";
            }
            return "dn: " + suffix + "\nobjectClass: organization\no: " + value + "\n";
        }

        private String configLdif(List<Path> schemas) {
            StringBuilder ldif = new StringBuilder();
            ldif.append("dn: cn=config\nobjectClass: olcGlobal\ncn: config\nolcPidFile: ")
                    .append(dir.resolve("slapd.pid")).append("\n\n");
            ldif.append("dn: cn=module{0},cn=config\nobjectClass: olcModuleList\ncn: module{0}\n"
                    + "olcModulePath: /usr/lib/ldap\nolcModuleLoad: back_mdb\n\n");
            ldif.append("dn: cn=schema,cn=config\nobjectClass: olcSchemaConfig\ncn: schema\n\n");
            for (Path schema : schemas) {
                ldif.append("include: file://").append(schema.toAbsolutePath()).append("\n\n");
            }
            ldif.append("dn: olcDatabase={-1}frontend,cn=config\nobjectClass: olcDatabaseConfig\n"
                    + "objectClass: olcFrontendConfig\nolcDatabase: {-1}frontend\nolcAccess: {0}to * by * read\n"
                    + "olcSizeLimit: 500\n\n");
            ldif.append("dn: olcDatabase={0}config,cn=config\nobjectClass: olcDatabaseConfig\n"
                    + "olcDatabase: {0}config\nolcRootDN: cn=admin,cn=config\nolcRootPW: ").append(ADMIN_PASSWORD)
                    .append("\n\n");
            ldif.append("dn: olcDatabase={1}mdb,cn=config\nobjectClass: olcDatabaseConfig\n"
                    + "objectClass: olcMdbConfig\nolcDatabase: {1}mdb\nolcSuffix: ").append(suffix)
                    .append("\nolcRootDN: cn=admin,").append(suffix).append("\nolcRootPW: ").append(ADMIN_PASSWORD)
                    .append("\nolcDbDirectory: ").append(dir.resolve("db"))
                    .append("\nolcDbMaxSize: 104857600\nolcDbIndex: objectClass eq\nolcDbIndex: mail eq\n"
                            + "olcAccess: {0}to * by * read\n");
            return ldif.toString();
        }

        /** The vendored subschema LDIF in slapd's cn=config form. */
        private Path olcSchema(String resource, String name) throws IOException {
            String source;
            try (InputStream in = InMemoryLdapServer.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            StringBuilder olc = new StringBuilder("dn: cn=" + name + ",cn=schema,cn=config\n"
                    + "objectClass: olcSchemaConfig\ncn: " + name + "\n");
            for (String line : source.split("\\R")) {
                if (line.startsWith("attributeTypes:")) {
                    olc.append("olcAttributeTypes:").append(line.substring("attributeTypes:".length())).append('\n');
                } else if (line.startsWith("objectClasses:")) {
                    olc.append("olcObjectClasses:").append(line.substring("objectClasses:".length())).append('\n');
                }
            }
            Path target = dir.resolve(resource);
            Files.writeString(target, olc.toString(), StandardCharsets.UTF_8);
            return target;
        }

        private void run(String... command) throws IOException {
            Path log = dir.resolve("tools.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            try {
                if (!process.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not end within "
                            + TOOL_TIMEOUT.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(Arrays.toString(command) + " failed with exit code "
                        + process.exitValue() + ":\n" + tail(log));
            }
        }

        private Process launch(int port, int attempt) {
            try {
                return new ProcessBuilder(SLAPD.toString(), "-d", "0", "-F", dir.resolve("slapd.d").toString(),
                        "-h", "ldap://" + HOST + ":" + port + "/").redirectErrorStream(true)
                        .redirectOutput(dir.resolve("slapd-" + attempt + ".log").toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + SLAPD, e);
            }
        }

        private void awaitReady(Process process, int port, Path log) {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis(500);
            options.setResponseTimeoutMillis(1000);
            String problem = "no answer";
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("slapd on port " + port + " exited with code "
                            + process.exitValue() + ":\n" + tail(log));
                }
                try (LDAPConnection connection = new LDAPConnection(options, HOST, port)) {
                    RootDSE root = connection.getRootDSE();
                    String[] contexts = root == null ? null : root.getNamingContextDNs();
                    if (contexts != null && Arrays.asList(contexts).contains(suffix) && process.isAlive()) {
                        return;
                    }
                    problem = "port " + port + " answers without naming context " + suffix + " (another server?)";
                } catch (LDAPException e) {
                    problem = e.getMessage();
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            throw new IllegalStateException("slapd on port " + port + " not ready within "
                    + START_TIMEOUT.toSeconds() + " s: " + problem);
        }

        private static String tail(Path log) {
            try {
                List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8)
                        : new ArrayList<>();
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }
}
