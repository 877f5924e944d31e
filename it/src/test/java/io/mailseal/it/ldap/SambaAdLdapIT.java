package io.mailseal.it.ldap;

import static io.mailseal.testkit.identities.TestIdentities.bytes;
import static io.mailseal.testkit.identities.TestIdentities.property;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.ldap.LdapCertificateSource;
import io.mailseal.keys.source.ldap.LdapServerSettings;
import io.mailseal.testkit.ldap.SambaAd;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LDAP certificate source against a real Active Directory (Samba 4 as a domain controller): a bind is required,
 * {@code userCertificate} is stored and returned without {@code ;binary}, a subtree search from the domain root comes
 * with continuation references to {@code ad.example.test} (a host that must never be asked), and the Global Catalog
 * answers forest-wide from the root. Skipped where Samba is not installed, not root, or port 389 is taken.
 */
class SambaAdLdapIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static final EmailAddress ALICE = EmailAddress.parse("alice@example.com");

    @TempDir
    static Path dir;

    private static SambaAd samba;

    @BeforeAll
    static void startDomainController() throws LDAPException {
        Optional<String> unavailable = SambaAd.available();
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> "no Samba AD here: " + unavailable.orElse(""));
        samba = SambaAd.start(dir.resolve("samba"));
        try (LDAPConnection connection = samba.administratorConnection()) {
            connection.add(new Entry("CN=Alice Test,CN=Users," + SambaAd.DOMAIN_DN,
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                    new Attribute("cn", "Alice Test"), new Attribute("sAMAccountName", "alice"),
                    new Attribute("mail", "alice@example.com"),
                    new Attribute("userSMIMECertificate", bytes("alice.p7b")),
                    new Attribute("userCertificate", bytes("alice-old.der"))));
        }
    }

    @AfterAll
    static void stopDomainController() {
        if (samba != null) {
            samba.close();
        }
    }

    @Test
    void findsUserSmimeCertificateAndPlainUserCertificateWhenBound() {
        SourceResponse response = source(bound()).lookup(ALICE);

        assertThat(response.status()).as(response.message()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(k -> k.summary().id())
                .containsExactly(property("alice.smime.serial"), property("alice-old.smime.serial"));
    }

    @Test
    void anonymousSearchIsRefusedAndReportedWithTheServer() {
        SourceResponse response = source(LdapServerSettings.builder().host(SambaAd.HOST).port(SambaAd.LDAP_PORT)
                .baseDn(SambaAd.DOMAIN_DN)).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).contains("ldap://127.0.0.1:389");
    }

    @Test
    void continuationReferencesAreIgnoredWhenReferralsAreOff() {
        SourceResponse response = source(bound().followReferrals(false)).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.message()).isEmpty();
    }

    @Test
    void continuationReferencesToTheDomainsDnsNameAreSkippedWhenReferralsAreOn() {
        SourceResponse response = source(bound().followReferrals(true)).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.message()).contains("ad.example.test", "skipped");
    }

    @Test
    void theGlobalCatalogAnswersFromTheRootWithoutReferrals() {
        SourceResponse response = source(bound().port(SambaAd.GLOBAL_CATALOG_PORT).baseDn("")
                .followReferrals(true)).lookup(ALICE);

        assertThat(response.status()).as(response.message()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(k -> k.summary().id())
                .contains(property("alice.smime.serial"));
        assertThat(response.message()).isEmpty();
    }

    private static LdapServerSettings.Builder bound() {
        return LdapServerSettings.builder().host(SambaAd.HOST).port(SambaAd.LDAP_PORT).baseDn(SambaAd.DOMAIN_DN)
                .bindDn(SambaAd.ADMINISTRATOR).password(SambaAd.ADMIN_PASSWORD);
    }

    private static LdapCertificateSource source(LdapServerSettings.Builder settings) {
        return new LdapCertificateSource(SourceName.LDAP, settings.build().orElseThrow(), CRYPTO, CLOCK);
    }
}
