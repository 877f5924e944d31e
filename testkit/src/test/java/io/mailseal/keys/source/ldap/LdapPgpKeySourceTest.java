package io.mailseal.keys.source.ldap;

import io.mailseal.settings.Checked;
import static io.mailseal.testkit.identities.TestIdentities.bytes;
import static io.mailseal.testkit.identities.TestIdentities.pgpFingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPException;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySummary;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.testkit.ldap.InMemoryLdapServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenPGP keys from an LDAP key server in the GnuPG / PGP Universal layout. */
class LdapPgpKeySourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final EmailAddress BOB = EmailAddress.parse("bob@example.com");
    private static final EmailAddress CAROL = EmailAddress.parse("carol@example.com");

    @RegisterExtension
    final InMemoryLdapServer ldap = InMemoryLdapServer.withBaseDn("dc=example,dc=com");

    @Test
    void discoversTheKeySpaceThroughTheNamingContextsAndFindsAKey() {
        ldap.addPgpServerInfo();
        ldap.addPgpKey(bytes("bob.asc"));
        LdapPgpKeySource source = source(ldap.url());

        SourceResponse response = source.lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.source()).isEqualTo(SourceName.KEYSERVER);
        assertThat(response.accepted()).extracting(k -> k.summary().id()).containsExactly(pgpFingerprint("bob"));
        assertThat(source.discovered()).hasValueSatisfying(space -> {
            assertThat(space.baseDn()).isEqualToIgnoringCase("ou=GnuPG Keys,dc=example,dc=com");
            assertThat(space.software()).isEqualTo("GnuPG");
            assertThat(space.version()).isEqualTo("2");
            assertThat(space.hasMailboxAttribute()).isTrue();
        });
    }

    @Test
    void findsAKeyByGpgMailboxAlone() {
        ldap.addPgpServerInfo();
        ldap.addPgpKey(bytes("bob.asc"), "pgpKey", List.of("Bob (no address here)"), List.of("bob@example.com"));

        SourceResponse response = source(ldap.url()).lookup(BOB);

        assertThat(response.accepted()).extracting(k -> k.summary().id()).containsExactly(pgpFingerprint("bob"));
    }

    @Test
    void findsAKeyByPgpUserIdSubstringOnASchemaVersionOneServer() {
        ldap.addPgpServerInfo("GnuPG", "1");
        ldap.addPgpKey(bytes("bob.asc"), "pgpKey", List.of("Bob Test <bob@example.com>"), List.of());
        LdapPgpKeySource source = source(ldap.url());

        SourceResponse response = source.lookup(BOB);

        assertThat(response.accepted()).extracting(k -> k.summary().id()).containsExactly(pgpFingerprint("bob"));
        assertThat(source.discovered().orElseThrow().hasMailboxAttribute()).isFalse();
        assertThat(LdapPgpKeySource.filter(BOB, source.discovered().orElseThrow()).toString())
                .isEqualTo("(&(pgpUserID=*bob@example.com*)(!(pgpDisabled=1)))");
    }

    @Test
    void searchesBothMailboxAndUserIdOnAVersionTwoServer() {
        LdapPgpKeySource.KeySpace space = new LdapPgpKeySource.KeySpace("ou=GnuPG Keys,dc=example,dc=com", "GnuPG",
                "2 ntds", "cn=pgpServerInfo,dc=example,dc=com");

        assertThat(LdapPgpKeySource.filter(EmailAddress.parse("b*b@example.com"), space).toString()).isEqualTo(
                "(&(|(gpgMailbox=b\\2ab@example.com)(pgpUserID=*b\\2ab@example.com*))(!(pgpDisabled=1)))");
    }

    @Test
    void aLooseUserIdMatchIsRejectedLocally() {
        ldap.addPgpServerInfo();
        ldap.addPgpKey(bytes("bob.asc"));

        SourceResponse response = source(ldap.url()).lookup(EmailAddress.parse("ob@example.com"));

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.key().id()).isEqualTo(pgpFingerprint("bob"));
            assertThat(rejection.reason()).isEqualTo(RejectionReason.ADDRESS_MISMATCH);
        });
    }

    @Test
    void aKeyFoundUnderSomebodyElsesMailboxIsRejectedLocally() {
        ldap.addPgpServerInfo();
        ldap.addPgpKey(bytes("bob.asc"), "pgpKey", List.of("Carol Test <carol@example.com>"),
                List.of("carol@example.com"));

        SourceResponse response = source(ldap.url()).lookup(CAROL);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.rejected()).extracting(Rejection::reason)
                .containsExactly(RejectionReason.ADDRESS_MISMATCH);
    }

    @Test
    void readsAKeyHeldOnlyInPgpKeyV2() {
        ldap.addPgpServerInfo();
        ldap.addPgpKey(bytes("carol.asc"), "pgpKeyV2", List.of("Carol Test <carol@example.com>"), List.of());

        SourceResponse response = source(ldap.url()).lookup(CAROL);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(k -> k.summary().id()).containsExactly(pgpFingerprint("carol"));
    }

    @Test
    void garbageKeyIsAMalformedRejectionNamingTheEntry() {
        ldap.addPgpServerInfo();
        String dn = ldap.addPgpKey("no key here".getBytes(StandardCharsets.US_ASCII), "pgpKey",
                List.of("Bob Test <bob@example.com>"), List.of("bob@example.com"));
        ldap.addPgpKey(bytes("bob.asc"));

        SourceResponse response = source(ldap.url()).lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).isEqualTo(RejectionReason.MALFORMED);
            assertThat(rejection.key()).isEqualTo(KeySummary.unparseable(io.mailseal.keys.KeyType.PGP));
            assertThat(rejection.detail()).contains(dn, "pgpKey");
        });
    }

    @Test
    void revokedAndExpiredKeysAreRejectedWithTheirReasons() {
        ldap.addPgpServerInfo();
        ldap.addPgpKey(bytes("erin-revoked.asc"));
        ldap.addPgpKey(bytes("dave-expired.asc"));
        LdapPgpKeySource source = source(ldap.url());

        assertThat(source.lookup(EmailAddress.parse("erin@example.com")).rejected()).extracting(Rejection::reason)
                .containsExactly(RejectionReason.REVOKED);
        assertThat(source.lookup(EmailAddress.parse("dave@example.com")).rejected()).extracting(Rejection::reason)
                .containsExactly(RejectionReason.EXPIRED);
    }

    @Test
    void theDiscoveredKeySpaceIsRememberedPerSource() throws LDAPException {
        ldap.addPgpServerInfo();
        ldap.addPgpKey(bytes("bob.asc"));
        LdapPgpKeySource source = source(ldap.url());
        assertThat(source.lookup(BOB).status()).isEqualTo(SourceResponse.Status.OK);

        ldap.directory().delete("cn=pgpServerInfo,dc=example,dc=com");

        assertThat(source.lookup(BOB).status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(source(ldap.url()).lookup(BOB).status()).isEqualTo(SourceResponse.Status.ERROR);
    }

    @Test
    void aServerWithoutPgpServerInfoIsAnErrorNamingTheServer() {
        SourceResponse response = source(ldap.url()).lookup(BOB);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).contains(ldap.url(), "not a PGP key server", "dc=example,dc=com");
    }

    @Test
    void theUrlsBaseDnIsWherePgpServerInfoIsLookedFor() {
        ldap.addPgpServerInfo();
        ldap.addPgpKey(bytes("bob.asc"));

        assertThat(source(ldap.url() + "/dc=example,dc=com").lookup(BOB).status())
                .isEqualTo(SourceResponse.Status.OK);
        assertThat(source(ldap.url() + "/ou=people,dc=example,dc=com").lookup(BOB).status())
                .isEqualTo(SourceResponse.Status.ERROR);
    }

    @ParameterizedTest
    @CsvSource({
            "ldap://keys.example.com, keys.example.com, 389, false, ''",
            "ldaps://keys.example.com, keys.example.com, 636, true, ''",
            "ldap://keys.example.com:3389/dc=example%2Cdc=com, keys.example.com, 3389, false, 'dc=example,dc=com'",
            "LDAPS://127.0.0.1:1636/o=Keys, 127.0.0.1, 1636, true, o=Keys"})
    void parsesKeyServerUrls(String url, String host, int port, boolean ssl, String baseDn) {
        LdapServerSettings settings = LdapPgpKeySource.parseUrl(url).orElseThrow();

        assertThat(settings.host()).isEqualTo(host);
        assertThat(settings.port()).isEqualTo(port);
        assertThat(settings.ssl()).isEqualTo(ssl);
        assertThat(settings.baseDn()).isEqualTo(baseDn);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hkp://keys.example.com|starts with ldap:// or ldaps://",
            "keys.example.com|starts with ldap:// or ldaps://",
            "ldap://|names no host",
            "ldap://keys.example.com:99999|not an LDAP URL",
            "ldap://keys.example.com/not a dn|not an LDAP URL"})
    void reportsABadUrlUnderTheKeyServerSetting(String url, String problem) {
        Checked<LdapPgpKeySource> checked = LdapPgpKeySource.fromUrl(url, CLOCK);

        assertThat(checked.value()).isEmpty();
        assertThat(checked.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("pgp.keyServer.url");
            assertThat(p.message()).contains(problem);
        });
    }

    private static LdapPgpKeySource source(String url) {
        return LdapPgpKeySource.fromUrl(url, CLOCK).orElseThrow();
    }
}
