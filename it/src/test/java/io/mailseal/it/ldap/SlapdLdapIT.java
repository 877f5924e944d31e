package io.mailseal.it.ldap;

import static io.mailseal.testkit.identities.TestIdentities.bytes;
import static io.mailseal.testkit.identities.TestIdentities.pgpFingerprint;
import static io.mailseal.testkit.identities.TestIdentities.property;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.ldap.LdapCertificateSource;
import io.mailseal.keys.source.ldap.LdapPgpKeySource;
import io.mailseal.keys.source.ldap.LdapServerSettings;
import io.mailseal.testkit.ldap.Slapd;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LDAP key sources against Debian's real OpenLDAP slapd: {@code userSMIMECertificate} and
 * {@code userCertificate;binary} as slapd stores and returns them, a referral to a second slapd, and the GnuPG key
 * server schema with {@code pgpKeyInfo} entries.
 */
class SlapdLdapIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static final EmailAddress ALICE = EmailAddress.parse("alice@example.com");
    private static final EmailAddress CAROL = EmailAddress.parse("carol@example.com");

    @TempDir
    static Path dir;

    private static Slapd example;
    private static Slapd partner;

    @BeforeAll
    static void startServers() {
        Assumptions.assumeTrue(Slapd.installed(), "slapd is not installed (Debian package slapd)");
        partner = Slapd.builder(dir.resolve("partner"), "dc=partner,dc=org")
                .seedEntry("dn: ou=people,dc=partner,dc=org", "objectClass: organizationalUnit", "ou: people")
                .seedEntry("dn: uid=carol,ou=people,dc=partner,dc=org", "objectClass: inetOrgPerson", "uid: carol",
                        "cn: Carol Test", "sn: Test", "mail: carol@example.com",
                        Slapd.ldif("userCertificate;binary", bytes("carol.der")))
                .start();
        String bob = pgpFingerprint("bob");
        String carol = pgpFingerprint("carol");
        example = Slapd.builder(dir.resolve("example"), "dc=example,dc=com")
                .seedEntry("dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people")
                .seedEntry("dn: uid=alice,ou=people,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: alice",
                        "cn: Alice Test", "sn: Test", "mail: alice@example.com",
                        Slapd.ldif("userSMIMECertificate", bytes("alice.p7b")),
                        Slapd.ldif("userCertificate;binary", bytes("alice-old.der")))
                .seedEntry("dn: ou=partner,dc=example,dc=com", "objectClass: referral",
                        "objectClass: extensibleObject", "ou: partner",
                        "ref: " + partner.url() + "/ou=people,dc=partner,dc=org")
                .seedEntry("dn: cn=PGPServerInfo,dc=example,dc=com", "objectClass: pgpServerInfo",
                        "cn: PGPServerInfo", "pgpBaseKeySpaceDN: ou=GnuPG Keys,dc=example,dc=com",
                        "pgpSoftware: GnuPG", "pgpVersion: 2")
                .seedEntry("dn: ou=GnuPG Keys,dc=example,dc=com", "objectClass: organizationalUnit",
                        "ou: GnuPG Keys")
                .seedEntry("dn: pgpCertID=" + bob.substring(24) + ",ou=GnuPG Keys,dc=example,dc=com",
                        "objectClass: pgpKeyInfo", "pgpCertID: " + bob.substring(24), "pgpKeyID: " + bob.substring(32),
                        "pgpUserID: Bob Test <bob@example.com>", "gpgFingerprint: " + bob,
                        "gpgMailbox: bob@example.com", "pgpRevoked: 0", "pgpDisabled: 0",
                        Slapd.ldif("pgpKey", bytes("bob.asc")))
                .seedEntry("dn: pgpCertID=" + carol.substring(24) + ",ou=GnuPG Keys,dc=example,dc=com",
                        "objectClass: pgpLegacyKeyInfo", "pgpCertID: " + carol.substring(24),
                        "pgpUserID: Carol Test <carol@example.com>", Slapd.ldif("pgpKeyV2", bytes("carol.asc")))
                .start();
    }

    @AfterAll
    static void stopServers() {
        if (example != null) {
            example.close();
        }
        if (partner != null) {
            partner.close();
        }
    }

    @Test
    void findsAliceInUserSmimeCertificateFirstThenInUserCertificateBinary() {
        SourceResponse response = certificates(settings()).lookup(ALICE);

        assertThat(response.status()).as(response.message()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(k -> k.summary().id())
                .containsExactly(property("alice.smime.serial"), property("alice-old.smime.serial"));
        assertThat(((RecipientKey.Smime) response.accepted().get(0)).chain())
                .extracting(c -> c.getSerialNumber().toString(16)).containsExactly(property("ca.smime.serial"));
    }

    @Test
    void ignoresTheContinuationReferenceWhenReferralsAreOff() {
        LdapCertificateSource source = certificates(settings());

        assertThat(source.lookup(ALICE).status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(source.lookup(CAROL).status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
    }

    @Test
    void followsTheReferralToTheSecondSlapdWhenOn() {
        SourceResponse response = certificates(settings().followReferrals(true)).lookup(CAROL);

        assertThat(response.status()).as(response.message()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(k -> k.summary().id())
                .containsExactly(property("carol.smime.serial"));
    }

    @Test
    void bindsAsTheRootDnAndRefusesAWrongPasswordWithoutShowingIt() {
        SourceResponse bound = certificates(settings().bindDn(example.adminDn()).password(Slapd.ADMIN_PASSWORD))
                .lookup(ALICE);
        SourceResponse refused = certificates(settings().bindDn(example.adminDn()).password("Wr0ng-Pa55"))
                .lookup(ALICE);

        assertThat(bound.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(refused.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(refused.message()).contains(example.url(), "invalid credentials").doesNotContain("Wr0ng-Pa55");
    }

    @Test
    void findsBobOnTheKeyServerThroughDiscovery() {
        LdapPgpKeySource source = LdapPgpKeySource.fromUrl(example.url(), CLOCK).orElseThrow();

        SourceResponse response = source.lookup(EmailAddress.parse("bob@example.com"));

        assertThat(response.status()).as(response.message()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.source()).isEqualTo(SourceName.KEYSERVER);
        assertThat(response.accepted()).extracting(k -> k.summary().id()).containsExactly(pgpFingerprint("bob"));
        assertThat(source.discovered().orElseThrow().baseDn()).isEqualToIgnoringCase(
                "ou=GnuPG Keys,dc=example,dc=com");
    }

    @Test
    void readsAKeyFromPgpKeyV2OnTheKeyServer() {
        SourceResponse response = LdapPgpKeySource.fromUrl(example.url(), CLOCK).orElseThrow().lookup(CAROL);

        assertThat(response.status()).as(response.message()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(k -> k.summary().id()).containsExactly(pgpFingerprint("carol"));
    }

    private static LdapServerSettings.Builder settings() {
        return LdapServerSettings.builder().host(example.host()).port(example.port()).baseDn(example.suffix());
    }

    private static LdapCertificateSource certificates(LdapServerSettings.Builder settings) {
        return new LdapCertificateSource(SourceName.USER_DIRECTORY, settings.build().orElseThrow(), CRYPTO, CLOCK);
    }
}
