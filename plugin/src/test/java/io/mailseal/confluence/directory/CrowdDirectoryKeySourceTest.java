package io.mailseal.confluence.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.crowd.embedded.api.CrowdDirectoryService;
import com.atlassian.crowd.embedded.api.Directory;
import com.atlassian.crowd.embedded.api.DirectoryType;
import com.unboundid.ldap.sdk.Attribute;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.ldap.LdapServerSettings;
import io.mailseal.settings.Checked;
import io.mailseal.testkit.confluence.DirectoryView;
import io.mailseal.testkit.identities.TestIdentities;
import io.mailseal.testkit.ldap.InMemoryLdapServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Confluence's LDAP user directories as the S/MIME "user directory" source, against a real in-memory LDAP server. */
class CrowdDirectoryKeySourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static final EmailAddress ALICE = EmailAddress.parse("alice@example.com");

    @RegisterExtension
    final InMemoryLdapServer ldap = InMemoryLdapServer.withBaseDn("dc=example,dc=com")
            .bindUser("cn=confluence,dc=example,dc=com", "bind-secret").requireAuthentication();

    private final List<Directory> directories = new ArrayList<>();
    private final CrowdDirectoryService crowd = new CrowdDirectoryService() {
        @Override
        public Directory findDirectoryByName(String name) {
            return directories.stream().filter(d -> d.getName().equals(name)).findFirst().orElse(null);
        }

        @Override
        public void testConnection(Directory directory) {
            // not used
        }

        @Override
        public List<Directory> findAllDirectories() {
            return List.copyOf(directories);
        }

        @Override
        public Directory findDirectoryById(long directoryId) {
            return directories.stream().filter(d -> d.getId() == directoryId).findFirst().orElse(null);
        }
    };

    private Map<String, String> ldapAttributes(String password) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("ldap.url", "ldap://127.0.0.1:" + ldap.port());
        attributes.put("ldap.secure", "false");
        attributes.put("ldap.basedn", "dc=example,dc=com");
        attributes.put("ldap.user.dn", "");
        attributes.put("ldap.userdn", "cn=confluence,dc=example,dc=com");
        attributes.put("ldap.password", password);
        attributes.put("ldap.user.email", "mail");
        attributes.put("ldap.user.filter", "(objectclass=inetorgperson)");
        attributes.put("ldap.referral", "false");
        return attributes;
    }

    @Test
    void findsTheCertificateInTheLdapServerBehindConfluencesDirectory() {
        ldap.addPerson("alice", "alice@example.com", new Attribute("userSMIMECertificate",
                TestIdentities.bytes("alice.p7b")));
        directories.add(directory(1, "Confluence Internal Directory", DirectoryType.INTERNAL, Map.of()));
        directories.add(directory(2, "Corporate LDAP", DirectoryType.CONNECTOR, ldapAttributes("bind-secret")));

        SourceResponse response = new CrowdDirectoryKeySource(crowd, CRYPTO, CLOCK).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(k -> k.summary().id())
                .containsExactly(TestIdentities.property("alice.smime.serial"));
    }

    @Test
    void aMaskedPasswordIsReportedWithTheDirectoryAndAttributeAndNeverTried() {
        directories.add(directory(2, "Corporate LDAP", DirectoryType.DELEGATING, ldapAttributes("********")));

        SourceResponse response = new CrowdDirectoryKeySource(crowd, CRYPTO, CLOCK).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).contains("directory 'Corporate LDAP' ldap.password: is masked");
    }

    @Test
    void aWrongBindPasswordIsAnErrorNamingTheDirectory() {
        directories.add(directory(2, "Corporate LDAP", DirectoryType.CONNECTOR, ldapAttributes("wrong")));

        SourceResponse response = new CrowdDirectoryKeySource(crowd, CRYPTO, CLOCK).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).startsWith("directory 'Corporate LDAP': ").doesNotContain("wrong");
    }

    @Test
    void withoutAnActiveLdapDirectoryTheSourceSaysSo() {
        directories.add(directory(1, "Confluence Internal Directory", DirectoryType.INTERNAL, Map.of()));

        SourceResponse response = new CrowdDirectoryKeySource(crowd, CRYPTO, CLOCK).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.DISABLED);
        assertThat(response.message()).isEqualTo("Confluence has no active LDAP user directory");
    }

    /** Directory 2 is the real LDAP server; directory 3 is an LDAP server that cannot be reached (port 1). */
    private InMemoryUsers twoLdapDirectories() {
        ldap.addPerson("alice", "alice@example.com", new Attribute("userSMIMECertificate",
                TestIdentities.bytes("alice.p7b")));
        directories.add(directory(1, "Confluence Internal Directory", DirectoryType.INTERNAL, Map.of()));
        directories.add(directory(2, "Corporate LDAP", DirectoryType.CONNECTOR, ldapAttributes("bind-secret")));
        Map<String, String> unreachable = ldapAttributes("bind-secret");
        unreachable.put("ldap.url", "ldap://127.0.0.1:1");
        directories.add(directory(3, "Partner LDAP", DirectoryType.CONNECTOR, unreachable));
        return new InMemoryUsers().add("alice", "Alice@Example.com", 2, true)
                .add("ivan", "ivan@example.com", 1, true);
    }

    private CrowdDirectoryKeySource withShortcut(InMemoryUsers users) {
        ConfluenceUsers known = new ConfluenceUsers(users.accessor(), users.crowd(), CLOCK, Runnable::run, 100);
        known.scan();
        return new CrowdDirectoryKeySource(crowd, known, CRYPTO, CLOCK);
    }

    @Test
    void aKnownUsersAddressIsLookedUpInTheUsersOwnDirectoryOnly() {
        CrowdDirectoryKeySource source = withShortcut(twoLdapDirectories());

        SourceResponse response = source.lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.message()).as("the partner directory was not asked").isNullOrEmpty();
        assertThat(response.accepted()).extracting(k -> k.summary().id())
                .containsExactly(TestIdentities.property("alice.smime.serial"));
    }

    @Test
    void aKnownUserOfANonLdapDirectoryIsNotLookedUpInAnyLdapDirectory() {
        SourceResponse response = withShortcut(twoLdapDirectories()).lookup(EmailAddress.parse("ivan@example.com"));

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.message()).isNullOrEmpty();
    }

    @Test
    void anAddressWithoutAConfluenceUserIsLookedUpInEveryDirectory() {
        SourceResponse response = withShortcut(twoLdapDirectories()).lookup(EmailAddress.parse("zoe@example.com"));

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).contains("directory 'Partner LDAP'");
    }

    @Test
    void crowdAttributesMapOntoTheLdapSettings() {
        Map<String, String> attributes = ldapAttributes("pw");
        attributes.put("ldap.url", "ldaps://dc1.example.com ldaps://dc2.example.com:3269");
        attributes.put("ldap.user.dn", "ou=People");
        attributes.put("ldap.referral", "true");

        Checked<LdapServerSettings> mapped = CrowdLdapSettings.of(directory(3, "AD", DirectoryType.CONNECTOR,
                attributes));

        LdapServerSettings settings = ((Checked.Valid<LdapServerSettings>) mapped).get();
        assertThat(settings.host()).isEqualTo("dc1.example.com");
        assertThat(settings.port()).isEqualTo(LdapServerSettings.LDAPS_PORT);
        assertThat(settings.ssl()).isTrue();
        assertThat(settings.baseDn()).isEqualTo("ou=People,dc=example,dc=com");
        assertThat(settings.followReferrals()).isTrue();
        assertThat(settings.extraReferralHosts()).containsExactly("dc2.example.com");
        assertThat(settings.emailAttribute()).isEqualTo("mail");
        assertThat(CrowdLdapSettings.of(directory(4, "bad", DirectoryType.CONNECTOR, Map.of("ldap.url", "http://x"))))
                .isInstanceOf(Checked.Invalid.class);
    }

    private static Directory directory(long id, String name, DirectoryType type, Map<String, String> attributes) {
        return new DirectoryView(id, name, type, "com.atlassian.crowd.directory.OpenLDAP", "", "", attributes,
                Set.of(), 0);
    }
}
