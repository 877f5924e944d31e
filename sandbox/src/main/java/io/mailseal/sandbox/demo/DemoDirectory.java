package io.mailseal.sandbox.demo;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import io.mailseal.testkit.identities.TestIdentities;
import io.mailseal.testkit.ldap.InMemoryLdapServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The demo users in an in-process LDAP server (UnboundID): {@code admin} (system administrator), {@code alice},
 * {@code bob}, {@code carol} and {@code dave}, each with the password equal to the name and the address
 * {@code <name>@example.com}; alice's entry holds her S/MIME certificate ({@code userCertificate;binary}). The groups
 * are {@code confluence-administrators} and {@code confluence-users}. Confluence's directory binds with a service
 * account whose password is new at every start.
 *
 * <p>Thread-safe after {@link #start()}: the LDAP server is.
 */
public final class DemoDirectory implements AutoCloseable {

    /** The base DN. */
    public static final String BASE_DN = "dc=example,dc=com";
    /** The users' DN, relative to the base. */
    public static final String PEOPLE = "ou=people";
    /** The groups' DN, relative to the base. */
    public static final String GROUPS = "ou=groups";
    /** The service account Confluence's directory binds as. */
    public static final String SERVICE_DN = "cn=confluence,ou=services," + BASE_DN;

    private static final List<String[]> USERS = List.of(
            new String[] {"admin", "Administrator"},
            new String[] {"alice", "Alice Adams"},
            new String[] {"bob", "Bob Baker"},
            new String[] {"carol", "Carol Clark"},
            new String[] {"dave", "Dave Davis"});

    private final String servicePassword;
    private final InMemoryLdapServer server;

    private DemoDirectory(String servicePassword) {
        this.servicePassword = servicePassword;
        this.server = InMemoryLdapServer.withBaseDn(BASE_DN).requireAuthentication()
                .bindUser(SERVICE_DN, servicePassword);
    }

    /**
     * Starts the server on 127.0.0.1 on a free port and adds the demo entries.
     *
     * @return the running directory
     */
    public static DemoDirectory start() {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        DemoDirectory directory = new DemoDirectory(HexFormat.of().formatHex(secret));
        directory.server.start();
        directory.seed();
        return directory;
    }

    /**
     * The demo logins, for the login page and the console.
     *
     * @return e.g. "admin / admin (system administrator)"
     */
    public static List<String> logins() {
        List<String> logins = new ArrayList<>();
        for (String[] user : USERS) {
            logins.add(user[0] + " / " + user[0] + (user[0].equals("admin") ? " (system administrator)"
                    : user[0].equals("alice") ? " (S/MIME certificate in LDAP)"
                    : user[0].equals("bob") ? " (PGP key on the key server)"
                    : user[0].equals("carol") ? " (S/MIME certificate in the key store file)" : " (no key)"));
        }
        return logins;
    }

    /**
     * The user key of a demo user: stable across restarts, distinct from the name.
     *
     * @param username the name
     * @return 32 hex digits
     */
    public static String userKey(String username) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("sandbox:" + username)
                    .getBytes(StandardCharsets.UTF_8));
            return "8a7f808a" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /**
     * The LDAP server's port on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * The LDAP URL.
     *
     * @return {@code ldap://127.0.0.1:<port>}
     */
    public String url() {
        return server.url();
    }

    /**
     * The service account's password (handed to the Crowd directory's attributes; never logged).
     *
     * @return the password
     */
    public String servicePassword() {
        return servicePassword;
    }

    @Override
    public void close() {
        server.close();
    }

    private void seed() {
        server.addOrganizationalUnit("people");
        server.addOrganizationalUnit("groups");
        server.addOrganizationalUnit("services");
        List<String> everyone = new ArrayList<>();
        for (String[] user : USERS) {
            String name = user[0];
            String dn = "uid=" + name + "," + PEOPLE + "," + BASE_DN;
            List<Attribute> attributes = new ArrayList<>(List.of(
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                    new Attribute("uid", name), new Attribute("cn", user[1]),
                    new Attribute("sn", user[1].substring(user[1].lastIndexOf(' ') + 1)),
                    new Attribute("mail", name + "@example.com"), new Attribute("userPassword", name),
                    new Attribute("employeeNumber", userKey(name))));
            if (name.equals("alice")) {
                attributes.add(new Attribute("userCertificate;binary", TestIdentities.bytes("alice.der")));
            }
            server.add(new Entry(dn, attributes));
            everyone.add(dn);
        }
        server.add(new Entry("cn=confluence-administrators," + GROUPS + "," + BASE_DN,
                new Attribute("objectClass", "top", "groupOfUniqueNames"),
                new Attribute("cn", "confluence-administrators"),
                new Attribute("uniqueMember", "uid=admin," + PEOPLE + "," + BASE_DN)));
        server.add(new Entry("cn=confluence-users," + GROUPS + "," + BASE_DN,
                new Attribute("objectClass", "top", "groupOfUniqueNames"), new Attribute("cn", "confluence-users"),
                new Attribute("uniqueMember", everyone)));
    }
}
