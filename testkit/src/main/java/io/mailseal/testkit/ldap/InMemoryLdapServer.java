package io.mailseal.testkit.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.controls.ManageDsaITRequestControl;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.format.OpenPgpKeyReader;
import io.mailseal.keys.select.OpenPgpKeyRules;
import io.mailseal.keys.source.ldap.LdapServerSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An LDAP server in the test's JVM: UnboundID's {@link InMemoryDirectoryServer} listening on 127.0.0.1 on a free
 * port, with the standard schema (inetOrgPerson with {@code userSMIMECertificate}, {@code userCertificate},
 * {@code referral}), GnuPG's LDAP key server schema ({@code gnupg-ldap-schema.ldif} next to this class) and a
 * test-only {@code pgpKeyV2} schema ({@code pgpkeyv2-test-schema.ldif}).
 *
 * <p>A JUnit 5 extension: register it with {@code @RegisterExtension}; in a static field it runs for the class, in
 * an instance field for each test. It can also be used directly ({@link #start()}, {@link #close()}). Each base DN gets
 * an {@code organization}/{@code domain} root entry; everything else is added by the test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final InMemoryLdapServer LDAP = InMemoryLdapServer.withBaseDn("dc=example,dc=com");
 *
 * LDAP.addPerson("alice", "alice@example.com", new Attribute("userCertificate;binary", der));
 * LDAP.addReferral("ou=partner", "ldap://127.0.0.1:" + other.port() + "/ou=people,dc=partner,dc=org");
 * LdapServerSettings settings = LDAP.settings().build().orElseThrow();
 * }</pre>
 *
 * <p>Referral entries are returned as LDAP servers do: a subtree search above one gives a continuation reference, a
 * search based at or below one a referral result. Anonymous searches are allowed unless
 * {@link #requireAuthentication()} was called; {@value #ADMIN_DN} / {@value #ADMIN_PASSWORD} can always bind.
 *
 * <p>Thread-safe for lookups (the directory server is); configure it before it starts.
 */
public final class InMemoryLdapServer
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, AutoCloseable {

    /** A DN that can always bind. */
    public static final String ADMIN_DN = "cn=Directory Manager";
    /** Its password. */
    public static final String ADMIN_PASSWORD = "secret";
    /** The loopback address the server listens on. */
    public static final String HOST = "127.0.0.1";
    /** The RDN of the GnuPG key space under the first base DN. */
    public static final String KEY_SPACE_RDN = "ou=GnuPG Keys";

    private final List<String> baseDns;
    private final List<String[]> bindUsers = new ArrayList<>();
    private boolean authenticationRequired;
    private byte[] serverKeyStore;
    private String serverKeyStorePassword;
    private InMemoryDirectoryServer server;
    private boolean perTest;

    private InMemoryLdapServer(List<String> baseDns) {
        this.baseDns = List.copyOf(baseDns);
    }

    /**
     * A server for one or more naming contexts.
     *
     * @param baseDns the naming contexts, e.g. {@code dc=example,dc=com}; at least one
     * @return the server, not started
     */
    public static InMemoryLdapServer withBaseDn(String... baseDns) {
        if (baseDns.length == 0) {
            throw new IllegalArgumentException("at least one base DN");
        }
        return new InMemoryLdapServer(Arrays.asList(baseDns));
    }

    /**
     * Lets another DN bind with a password.
     *
     * @param dn       the bind DN (need not exist as an entry)
     * @param password its password
     * @return this server
     */
    public InMemoryLdapServer bindUser(String dn, String password) {
        requireStopped();
        bindUsers.add(new String[] {dn, password});
        return this;
    }

    /**
     * Refuses searches (and other reads) from connections that have not bound, like Active Directory.
     *
     * @return this server
     */
    public InMemoryLdapServer requireAuthentication() {
        requireStopped();
        authenticationRequired = true;
        return this;
    }

    /**
     * Listens for LDAPS (TLS from the first byte) instead of plain LDAP, presenting the key and certificate chain of
     * a PKCS#12 key store (for example {@code TestIdentities.bytes("alice.p12")}, password {@code test}).
     *
     * @param pkcs12   the key store
     * @param password its password
     * @return this server
     */
    public InMemoryLdapServer ldaps(byte[] pkcs12, String password) {
        requireStopped();
        serverKeyStore = pkcs12.clone();
        serverKeyStorePassword = password;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) {
            perTest = true;
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            close();
        }
    }

    /**
     * Starts the server on 127.0.0.1 and a free port, with the root entries of its base DNs.
     *
     * @return this server
     */
    public synchronized InMemoryLdapServer start() {
        if (server != null) {
            return this;
        }
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(baseDns.toArray(String[]::new));
            config.setListenerConfigs(serverKeyStore == null
                    ? InMemoryListenerConfig.createLDAPConfig("LDAP", InetAddress.getByName(HOST), 0, null)
                    : InMemoryListenerConfig.createLDAPSConfig("LDAPS", InetAddress.getByName(HOST), 0,
                    serverSockets(), null));
            config.setSchema(Schema.mergeSchemas(Schema.getDefaultStandardSchema(),
                    schema("gnupg-ldap-schema.ldif"), schema("pgpkeyv2-test-schema.ldif")));
            config.addAdditionalBindCredentials(ADMIN_DN, ADMIN_PASSWORD);
            for (String[] user : bindUsers) {
                config.addAdditionalBindCredentials(user[0], user[1]);
            }
            if (authenticationRequired) {
                config.setAuthenticationRequiredOperationTypes(OperationType.SEARCH, OperationType.COMPARE,
                        OperationType.ADD, OperationType.MODIFY, OperationType.DELETE);
            }
            config.setMaxSizeLimit(1000);
            InMemoryDirectoryServer started = new InMemoryDirectoryServer(config);
            started.startListening();
            server = started;
            addRoots();
        } catch (LDAPException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the in-memory LDAP server", e);
        }
        return this;
    }

    /** Stops the server; it can be started again, empty. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutDown(true);
            server = null;
        }
        perTest = false;
    }

    /**
     * Removes every entry but the root entries of the base DNs.
     *
     * @return this server
     */
    public InMemoryLdapServer reset() {
        running().clear();
        addRoots();
        return this;
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
        return running().getListenPort();
    }

    /**
     * Its URL.
     *
     * @return {@code ldap://127.0.0.1:<port>}, or {@code ldaps://...} when it speaks LDAPS
     */
    public String url() {
        return (serverKeyStore == null ? "ldap://" : "ldaps://") + HOST + ":" + port();
    }

    /**
     * The first base DN.
     *
     * @return the DN
     */
    public String baseDn() {
        return baseDns.get(0);
    }

    /**
     * Settings that reach this server, anonymous, searching from the first base DN; change what the test needs.
     *
     * @return a builder with host, port and base DN set
     */
    public LdapServerSettings.Builder settings() {
        return LdapServerSettings.builder().host(HOST).port(port()).ssl(serverKeyStore != null).baseDn(baseDn());
    }

    /**
     * The UnboundID server, for anything the helpers do not cover.
     *
     * @return the running server
     */
    public InMemoryDirectoryServer directory() {
        return running();
    }

    /**
     * A connection bound as {@value #ADMIN_DN} (plain LDAP servers only); the caller closes it.
     *
     * @return the connection
     */
    public LDAPConnection adminConnection() {
        try {
            LDAPConnection connection = running().getConnection();
            connection.bind(ADMIN_DN, ADMIN_PASSWORD);
            return connection;
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot bind to the in-memory LDAP server", e);
        }
    }

    /**
     * Adds an entry.
     *
     * @param entry the entry; its parent must exist
     * @return its DN
     */
    public String add(Entry entry) {
        try {
            AddRequest request = new AddRequest(entry);
            request.addControl(new ManageDsaITRequestControl());
            running().add(request);
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot add " + entry.getDN() + ": " + e.getMessage(), e);
        }
        return entry.getDN();
    }

    /**
     * Adds an entry written as LDIF lines ({@code "dn: ...", "objectClass: ...", ...}).
     *
     * @param ldifLines the lines
     * @return its DN
     */
    public String add(String... ldifLines) {
        try {
            return add(new Entry(ldifLines));
        } catch (LDIFException e) {
            throw new IllegalArgumentException("not an LDIF entry: " + e.getMessage(), e);
        }
    }

    /**
     * Adds an organizational unit under the first base DN unless it exists.
     *
     * @param ou its name, e.g. {@code people}
     * @return its DN
     */
    public String addOrganizationalUnit(String ou) {
        String dn = child(new RDN("ou", ou), baseDn());
        try {
            if (running().getEntry(dn) == null) {
                add(new Entry(dn, new Attribute("objectClass", "top", "organizationalUnit"), new Attribute("ou", ou)));
            }
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot read " + dn, e);
        }
        return dn;
    }

    /**
     * Adds an {@code inetOrgPerson} {@code uid=<uid>,ou=people,<base>} with an address and any more attributes
     * (certificates: {@code userSMIMECertificate}, {@code userCertificate;binary}, {@code userCertificate}).
     *
     * @param uid        the user ID
     * @param mail       the {@code mail} value; null for none
     * @param attributes more attributes
     * @return the entry's DN
     */
    public String addPerson(String uid, String mail, Attribute... attributes) {
        return addPerson("people", uid, mail, attributes);
    }

    /**
     * Adds an {@code inetOrgPerson} {@code uid=<uid>,ou=<ou>,<base>} with an address and any more attributes.
     *
     * @param ou         the organizational unit under the first base DN; created if missing
     * @param uid        the user ID
     * @param mail       the {@code mail} value; null for none
     * @param attributes more attributes
     * @return the entry's DN
     */
    public String addPerson(String ou, String uid, String mail, Attribute... attributes) {
        String people = addOrganizationalUnit(ou);
        List<Attribute> all = new ArrayList<>();
        all.add(new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"));
        all.add(new Attribute("uid", uid));
        all.add(new Attribute("cn", uid));
        all.add(new Attribute("sn", uid));
        if (mail != null) {
            all.add(new Attribute("mail", mail));
        }
        all.addAll(Arrays.asList(attributes));
        return add(new Entry(child(new RDN("uid", uid), people), all));
    }

    /**
     * Adds a referral entry {@code <rdn>,<base>} pointing elsewhere.
     *
     * @param rdn the entry's RDN, e.g. {@code ou=partner}
     * @param url where it points, e.g. {@code ldap://127.0.0.1:3390/ou=people,dc=partner,dc=org}
     * @return its DN
     */
    public String addReferral(String rdn, String url) {
        String dn = rdn + "," + baseDn();
        RDN parsed;
        try {
            parsed = new RDN(rdn);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not an RDN: " + rdn, e);
        }
        return add(new Entry(dn, new Attribute("objectClass", "top", "referral", "extensibleObject"),
                new Attribute(parsed.getAttributeNames()[0], parsed.getAttributeValues()[0]),
                new Attribute("ref", url)));
    }

    /**
     * Makes the server a GnuPG key server: {@code cn=pgpServerInfo,<base>} pointing at
     * {@code ou=GnuPG Keys,<base>}, with {@code pgpSoftware: GnuPG} and {@code pgpVersion: 2}.
     *
     * @return the key space DN
     */
    public String addPgpServerInfo() {
        return addPgpServerInfo("GnuPG", "2");
    }

    /**
     * Makes the server a PGP key server with the given software and version.
     *
     * @param software {@code pgpSoftware}; null for none
     * @param version  {@code pgpVersion}; null for none
     * @return the key space DN
     */
    public String addPgpServerInfo(String software, String version) {
        String keySpace = addOrganizationalUnit("GnuPG Keys");
        List<Attribute> attributes = new ArrayList<>();
        attributes.add(new Attribute("objectClass", "top", "pgpServerInfo"));
        attributes.add(new Attribute("cn", "pgpServerInfo"));
        attributes.add(new Attribute("pgpBaseKeySpaceDN", keySpace));
        if (software != null) {
            attributes.add(new Attribute("pgpSoftware", software));
        }
        if (version != null) {
            attributes.add(new Attribute("pgpVersion", version));
        }
        add(new Entry(child(new RDN("cn", "pgpServerInfo"), baseDn()), attributes));
        return keySpace;
    }

    /**
     * Adds an OpenPGP key the way {@code gpg --send-keys} does: {@code pgpCertID=<long key ID>,ou=GnuPG Keys,<base>}
     * with {@code pgpKey}, {@code pgpKeyID}, {@code pgpUserID}s, {@code gpgFingerprint} and {@code gpgMailbox}es, all
     * taken from the key.
     *
     * @param keyBlock an armored public key (e.g. {@code TestIdentities.bytes("bob.asc")})
     * @return the entry's DN
     */
    public String addPgpKey(byte[] keyBlock) {
        PGPPublicKeyRing ring = firstRing(keyBlock);
        List<String> userIds = userIds(ring);
        List<String> mailboxes = new ArrayList<>();
        for (String userId : userIds) {
            OpenPgpKeyRules.addressOf(userId).ifPresent(address -> mailboxes.add(address.value()));
        }
        return addPgpKey(keyBlock, "pgpKey", userIds, mailboxes);
    }

    /**
     * Adds an OpenPGP key entry with chosen search attributes (to build loose matches and legacy entries).
     *
     * @param keyBlock     the key as stored (armored, or anything for a garbage entry)
     * @param keyAttribute {@code pgpKey} (a {@code pgpKeyInfo} entry) or {@code pgpKeyV2} (a test-only
     *                     {@code pgpLegacyKeyInfo} entry, as a legacy PGP.com server holds it)
     * @param userIds      the {@code pgpUserID} values
     * @param mailboxes    the {@code gpgMailbox} values
     * @return the entry's DN
     */
    public String addPgpKey(byte[] keyBlock, String keyAttribute, List<String> userIds, List<String> mailboxes) {
        String keySpace = addOrganizationalUnit("GnuPG Keys");
        String fingerprint;
        try {
            fingerprint = RecipientKey.Pgp.fingerprint(firstRing(keyBlock).getPublicKey().getFingerprint());
        } catch (IllegalArgumentException e) {
            fingerprint = HexFormat.of().withUpperCase().formatHex(
                    Arrays.copyOf(keyBlock, Math.min(20, keyBlock.length)));
        }
        String keyId = fingerprint.substring(Math.max(0, fingerprint.length() - 16));
        List<Attribute> attributes = new ArrayList<>();
        boolean legacy = keyAttribute.equalsIgnoreCase("pgpKeyV2");
        if (!legacy && !keyAttribute.equalsIgnoreCase("pgpKey")) {
            throw new IllegalArgumentException("pgpKey or pgpKeyV2, not " + keyAttribute);
        }
        attributes.add(new Attribute("objectClass", "top", legacy ? "pgpLegacyKeyInfo" : "pgpKeyInfo"));
        attributes.add(new Attribute("pgpCertID", keyId));
        attributes.add(new Attribute("pgpKeyID", keyId.substring(Math.max(0, keyId.length() - 8))));
        attributes.add(new Attribute(keyAttribute, new String(keyBlock, StandardCharsets.US_ASCII)));
        attributes.add(new Attribute("gpgFingerprint", fingerprint));
        if (!userIds.isEmpty()) {
            attributes.add(new Attribute("pgpUserID", userIds));
        }
        if (!mailboxes.isEmpty()) {
            attributes.add(new Attribute("gpgMailbox", mailboxes));
        }
        attributes.add(new Attribute("pgpRevoked", "0"));
        attributes.add(new Attribute("pgpDisabled", "0"));
        return add(new Entry(child(new RDN("pgpCertID", keyId), keySpace), attributes));
    }

    private SSLServerSocketFactory serverSockets() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        char[] password = serverKeyStorePassword == null ? new char[0] : serverKeyStorePassword.toCharArray();
        store.load(new ByteArrayInputStream(serverKeyStore), password);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context.getServerSocketFactory();
    }

    private static PGPPublicKeyRing firstRing(byte[] keyBlock) {
        OpenPgpKeyReader.Result result = new OpenPgpKeyReader().read(keyBlock);
        if (result instanceof OpenPgpKeyReader.Read read && !read.keyRings().isEmpty()) {
            return read.keyRings().get(0);
        }
        throw new IllegalArgumentException("not an OpenPGP public key: " + result);
    }

    private static List<String> userIds(PGPPublicKeyRing ring) {
        PGPPublicKey primary = ring.getPublicKey();
        List<String> userIds = new ArrayList<>();
        for (Iterator<String> it = primary.getUserIDs(); it.hasNext(); ) {
            userIds.add(it.next());
        }
        return userIds;
    }

    private void addRoots() {
        for (String base : baseDns) {
            try {
                RDN rdn = new DN(base).getRDN();
                String attribute = rdn.getAttributeNames()[0];
                String value = rdn.getAttributeValues()[0];
                Entry root = attribute.equalsIgnoreCase("dc")
                        ? new Entry(base, new Attribute("objectClass", "top", "domain"), new Attribute("dc", value))
                        : attribute.equalsIgnoreCase("o")
                        ? new Entry(base, new Attribute("objectClass", "top", "organization"),
                        new Attribute("o", value))
                        : new Entry(base, new Attribute("objectClass", "top", "extensibleObject"),
                        new Attribute(attribute, value));
                running().add(root);
            } catch (LDAPException e) {
                throw new IllegalStateException("cannot add the root entry " + base, e);
            }
        }
    }

    private static String child(RDN rdn, String parent) {
        try {
            return new DN(rdn, new DN(parent)).toString();
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not a DN: " + parent, e);
        }
    }

    private static Schema schema(String resource) throws IOException {
        try (InputStream in = InMemoryLdapServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " next to "
                        + InMemoryLdapServer.class.getName());
            }
            return Objects.requireNonNull(Schema.getSchema(in), resource);
        } catch (LDIFException e) {
            throw new UncheckedIOException(new IOException("bad schema " + resource + ": " + e.getMessage(), e));
        }
    }

    private synchronized InMemoryDirectoryServer running() {
        if (server == null) {
            throw new IllegalStateException("the in-memory LDAP server is not running");
        }
        return server;
    }

    private synchronized void requireStopped() {
        if (server != null) {
            throw new IllegalStateException("configure the in-memory LDAP server before it starts");
        }
    }
}
