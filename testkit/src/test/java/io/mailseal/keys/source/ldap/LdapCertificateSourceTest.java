package io.mailseal.keys.source.ldap;

import static io.mailseal.testkit.identities.TestIdentities.bytes;
import static io.mailseal.testkit.identities.TestIdentities.property;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.testkit.ldap.InMemoryLdapServer;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** S/MIME certificates from LDAP: attributes, formats, order, rejections, escaping, binds, failures, referrals. */
class LdapCertificateSourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static final EmailAddress ALICE = EmailAddress.parse("alice@example.com");
    private static final EmailAddress CAROL = EmailAddress.parse("carol@example.com");
    private static final EmailAddress HEIDI = EmailAddress.parse("heidi@example.com");

    @RegisterExtension
    final InMemoryLdapServer ldap = InMemoryLdapServer.withBaseDn("dc=example,dc=com");

    @RegisterExtension
    final InMemoryLdapServer partner = InMemoryLdapServer.withBaseDn("dc=partner,dc=org");

    @Test
    void findsTheCertificateAndItsChainInUserSmimeCertificate() {
        ldap.addPerson("alice", "alice@example.com", new Attribute("userSMIMECertificate", bytes("alice.p7b")));

        SourceResponse response = source(ldap.settings()).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.source()).isEqualTo(SourceName.LDAP);
        RecipientKey.Smime key = (RecipientKey.Smime) response.accepted().get(0);
        assertThat(key.summary().id()).isEqualTo(property("alice.smime.serial"));
        assertThat(key.chain()).extracting(c -> c.getSerialNumber().toString(16))
                .containsExactly(property("ca.smime.serial"));
        assertThat(response.rejected()).isEmpty();
    }

    @Test
    void findsTheCertificateInUserCertificateBinary() {
        ldap.addPerson("alice", "alice@example.com", new Attribute("userCertificate;binary", bytes("alice.der")));

        SourceResponse response = source(ldap.settings()).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(k -> k.summary().id())
                .containsExactly(property("alice.smime.serial"));
        assertThat(((RecipientKey.Smime) response.accepted().get(0)).chain()).isEmpty();
    }

    @Test
    void readsBase64AndPemTextInPlainUserCertificateAsActiveDirectoryReturnsIt() {
        String base64 = Base64.getMimeEncoder().encodeToString(bytes("alice.der"));
        ldap.addPerson("alice", "alice@example.com",
                new Attribute("userCertificate", base64.getBytes(StandardCharsets.US_ASCII)));
        ldap.addPerson("carol", "carol@example.com", new Attribute("userCertificate", bytes("carol.crt")));

        LdapCertificateSource source = source(ldap.settings());

        assertThat(source.lookup(ALICE).accepted()).extracting(k -> k.summary().id())
                .containsExactly(property("alice.smime.serial"));
        assertThat(source.lookup(CAROL).accepted()).extracting(k -> k.summary().id())
                .containsExactly(property("carol.smime.serial"));
    }

    @Test
    void userSmimeCertificateComesBeforeANewerUserCertificate() {
        ldap.addPerson("alice", "alice@example.com", new Attribute("userSMIMECertificate", bytes("alice-old.der")),
                new Attribute("userCertificate;binary", bytes("alice.der")));

        SourceResponse response = source(ldap.settings()).lookup(ALICE);

        assertThat(response.accepted()).extracting(k -> k.summary().id())
                .containsExactly(property("alice-old.smime.serial"), property("alice.smime.serial"));
    }

    @Test
    void aCertificateInBothAttributesCountsOnce() {
        ldap.addPerson("alice", "alice@example.com", new Attribute("userSMIMECertificate", bytes("alice.p7b")),
                new Attribute("userCertificate;binary", bytes("alice.der")));

        assertThat(source(ldap.settings()).lookup(ALICE).accepted()).hasSize(1);
    }

    @Test
    void garbageValueIsAMalformedRejectionAndTheOtherValuesStillCount() {
        String dn = ldap.addPerson("alice", "alice@example.com", new Attribute("userCertificate;binary",
                "not a certificate".getBytes(StandardCharsets.US_ASCII), bytes("alice.der")));

        SourceResponse response = source(ldap.settings()).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(k -> k.summary().id())
                .containsExactly(property("alice.smime.serial"));
        assertThat(response.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).isEqualTo(RejectionReason.MALFORMED);
            assertThat(rejection.detail()).contains(dn, "userCertificate;binary");
        });
    }

    @Test
    void expiredCertificateIsRejectedWithTheReason() {
        ldap.addPerson("dave", "dave@example.com", new Attribute("userCertificate;binary", bytes("dave-expired.der")));

        SourceResponse response = source(ldap.settings()).lookup(EmailAddress.parse("dave@example.com"));

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.rejected()).extracting(Rejection::reason).containsExactly(RejectionReason.EXPIRED);
    }

    @Test
    void filterCharactersInTheAddressAreEscapedNotInterpreted() {
        ldap.addPerson("alice", "alice@example.com", new Attribute("userCertificate;binary", bytes("alice.der")));
        LdapCertificateSource source = source(ldap.settings());

        for (String address : List.of("*@example.com", "al*@example.com", "*@*.com")) {
            SourceResponse response = source.lookup(EmailAddress.parse(address));
            assertThat(response.status()).as(address).isEqualTo(SourceResponse.Status.NOT_FOUND);
            assertThat(response.rejected()).as(address).isEmpty();
        }
        assertThat(source.filter(EmailAddress.parse("*@example.com")).toString())
                .isEqualTo("(mail=\\2a@example.com)");
    }

    @Test
    void escapesParenthesesAndBackslashesTooWhereverAnAddressComesFrom() {
        // EmailAddress refuses ( ) \ already; the filter is still built by the SDK, never by concatenation
        LdapCertificateSource source = source(ldap.settings().emailAttribute("mail"));
        EmailAddress odd = new EmailAddress("a*b", "example.com");

        assertThat(source.filter(odd).getAssertionValue()).isEqualTo("a*b@example.com");
        assertThat(source.filter(odd).toString()).isEqualTo("(mail=a\\2ab@example.com)");
    }

    @Test
    void extraSearchFilterIsAndedWithTheAddress() {
        ldap.addPerson("alice", "alice@example.com", new Attribute("userCertificate;binary", bytes("alice.der")));

        SourceResponse excluded = source(ldap.settings().searchFilter("(uid=somebody-else)")).lookup(ALICE);
        SourceResponse included = source(ldap.settings().searchFilter("(objectClass=inetOrgPerson)")).lookup(ALICE);

        assertThat(excluded.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(included.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(source(ldap.settings().searchFilter("(uid=alice)")).filter(ALICE).toString())
                .isEqualTo("(&(mail=alice@example.com)(uid=alice))");
    }

    @Test
    void searchesAnotherEmailAttribute() {
        ldap.addPerson("alice", null, new Attribute("description", "alice@example.com"),
                new Attribute("userCertificate;binary", bytes("alice.der")));

        assertThat(source(ldap.settings()).lookup(ALICE).status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(source(ldap.settings().emailAttribute("description")).lookup(ALICE).status())
                .isEqualTo(SourceResponse.Status.OK);
    }

    @Test
    void oneSourceServesConcurrentLookups() throws Exception {
        ldap.addPerson("alice", "alice@example.com", new Attribute("userCertificate;binary", bytes("alice.der")));
        ldap.addPerson("carol", "carol@example.com", new Attribute("userCertificate;binary", bytes("carol.der")));
        LdapCertificateSource source = source(ldap.settings());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<SourceResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                EmailAddress address = i % 2 == 0 ? ALICE : CAROL;
                answers.add(pool.submit(() -> source.lookup(address)));
            }
            for (int i = 0; i < answers.size(); i++) {
                SourceResponse response = answers.get(i).get(30, TimeUnit.SECONDS);
                assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
                assertThat(response.accepted()).extracting(k -> k.summary().id()).containsExactly(
                        property(i % 2 == 0 ? "alice.smime.serial" : "carol.smime.serial"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bindsWhenTheServerRequiresIt() {
        try (InMemoryLdapServer secured = InMemoryLdapServer.withBaseDn("dc=example,dc=com")
                .bindUser("cn=reader,dc=example,dc=com", "Right-Pa55").requireAuthentication().start()) {
            secured.addPerson("alice", "alice@example.com",
                    new Attribute("userCertificate;binary", bytes("alice.der")));

            SourceResponse anonymous = source(secured.settings()).lookup(ALICE);
            SourceResponse bound = source(secured.settings().bindDn("cn=reader,dc=example,dc=com")
                    .password("Right-Pa55")).lookup(ALICE);

            assertThat(anonymous.status()).isEqualTo(SourceResponse.Status.ERROR);
            assertThat(anonymous.message()).contains(secured.url());
            assertThat(bound.status()).isEqualTo(SourceResponse.Status.OK);
        }
    }

    @Test
    void wrongBindPasswordIsAnErrorNamingTheServerButNotThePassword() {
        try (InMemoryLdapServer secured = InMemoryLdapServer.withBaseDn("dc=example,dc=com")
                .bindUser("cn=reader,dc=example,dc=com", "Right-Pa55").requireAuthentication().start()) {
            SourceResponse response = source(secured.settings().bindDn("cn=reader,dc=example,dc=com")
                    .password("Wr0ng-Pa55")).lookup(ALICE);

            assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
            assertThat(response.message()).contains("127.0.0.1:" + secured.port(), "cn=reader,dc=example,dc=com",
                    "invalid credentials").doesNotContain("Wr0ng-Pa55", "Right-Pa55");
        }
    }

    @Test
    void serverThatIsDownIsAnErrorWellWithinTheConnectTimeout() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        LdapCertificateSource source = source(LdapServerSettings.builder().host("127.0.0.1").port(closedPort)
                .connectTimeout(Duration.ofSeconds(5)));

        SourceResponse response = source.lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).contains("ldap://127.0.0.1:" + closedPort, "cannot connect");
        assertThat(response.duration()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void baseDnThatDoesNotExistIsAnError() {
        SourceResponse response = source(ldap.settings().baseDn("ou=nowhere,dc=example,dc=com")).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).contains(ldap.url(), "ou=nowhere,dc=example,dc=com", "does not exist");
    }

    @Test
    void anEntryLargerThanTheSizeCapIsAnErrorNotAnOutOfMemory() {
        byte[] huge = new byte[64 * 1024];
        ldap.addPerson("alice", "alice@example.com", new Attribute("userCertificate;binary", huge));

        SourceResponse response = source(ldap.settings().maxEntryBytes(16 * 1024)).lookup(ALICE);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).contains(ldap.url(), "larger than the cap of 16384 bytes");
    }

    @Test
    void continuationReferencesAreIgnoredWhenReferralsAreOff() {
        withPartnerReferral();
        ldap.addPerson("alice", "alice@example.com", new Attribute("userCertificate;binary", bytes("alice.der")));
        LdapCertificateSource source = source(ldap.settings().followReferrals(false));

        SourceResponse alice = source.lookup(ALICE);
        SourceResponse carol = source.lookup(CAROL);

        assertThat(alice.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(carol.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(carol.rejected()).isEmpty();
    }

    @Test
    void aReferralResultIsNamedButNotFollowedWhenReferralsAreOff() {
        withPartnerReferral();

        SourceResponse response = source(ldap.settings().baseDn("ou=partner,dc=example,dc=com")).lookup(CAROL);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.message()).contains("127.0.0.1:" + partner.port(), "following referrals is off");
    }

    @Test
    void referralsAreFollowedToTheConfiguredHostWhenOn() {
        withPartnerReferral();
        LdapServerSettings.Builder settings = ldap.settings().followReferrals(true);

        SourceResponse fromSubtree = source(settings).lookup(CAROL);
        SourceResponse fromReferralResult = source(settings.baseDn("ou=partner,dc=example,dc=com")).lookup(CAROL);

        assertThat(fromSubtree.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(fromSubtree.accepted()).extracting(k -> k.summary().id())
                .containsExactly(property("carol.smime.serial"));
        assertThat(fromReferralResult.status()).isEqualTo(SourceResponse.Status.OK);
    }

    @Test
    void referralToAHostOutsideTheAllowListIsSkippedAndNamed() {
        withPartnerReferral();

        SourceResponse response = source(ldap.settings().followReferrals(true)).lookup(HEIDI);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.rejected()).isEmpty();
        assertThat(response.message()).contains("localhost:" + partner.port(), "skipped",
                "neither the configured server nor an allowed referral host");
    }

    @Test
    void referralToAnExplicitlyAllowedHostIsFollowed() {
        withPartnerReferral();

        SourceResponse response = source(ldap.settings().followReferrals(true)
                .extraReferralHosts(List.of("localhost"))).lookup(HEIDI);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.OK);
        assertThat(response.accepted()).extracting(k -> k.summary().id())
                .containsExactly(property("heidi-legacy-dn.smime.serial"));
    }

    @Test
    void referralsStopAfterTwoHops() {
        // example -> partner (hop 1) -> partner's own referral back to example (hop 2) -> example again (hop 3)
        ldap.addOrganizationalUnit("people");
        ldap.addReferral("ou=partner", "ldap://127.0.0.1:" + partner.port() + "/dc=partner,dc=org??sub");
        partner.addReferral("ou=back", "ldap://127.0.0.1:" + ldap.port() + "/ou=loop,dc=example,dc=com??sub");
        ldap.addReferral("ou=loop", "ldap://127.0.0.1:" + partner.port() + "/ou=again,dc=partner,dc=org??sub");
        partner.addOrganizationalUnit("again");

        SourceResponse response = source(ldap.settings().followReferrals(true)).lookup(CAROL);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.NOT_FOUND);
        assertThat(response.message()).contains("more than 2 hops");
    }

    @Test
    void aFollowedReferralThatFailsMakesTheAnswerAnErrorWhenNothingWasFound() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        ldap.addReferral("ou=partner", "ldap://127.0.0.1:" + closedPort + "/ou=people,dc=partner,dc=org");

        SourceResponse response = source(ldap.settings().followReferrals(true)).lookup(CAROL);

        assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
        assertThat(response.message()).contains("ldap://127.0.0.1:" + closedPort, "cannot connect");
    }

    @Test
    void ldapsChecksTheServerCertificateAgainstTheConfiguredTrustStore(@TempDir Path dir) throws IOException {
        // the only TLS key among the named identities is alice's e-mail certificate: a server must not pass with it
        try (InMemoryLdapServer tls = InMemoryLdapServer.withBaseDn("dc=example,dc=com")
                .ldaps(bytes("alice.p12"), "test").start()) {
            Path garbage = Files.write(dir.resolve("garbage.p12"), new byte[] {1, 2, 3});

            SourceResponse jdkTrust = source(tls.settings()).lookup(ALICE);
            SourceResponse testCa = source(tls.settings().trustStore(TestIdentities.copyTo(dir, "ca.crt")))
                    .lookup(ALICE);
            SourceResponse broken = source(tls.settings().trustStore(garbage)).lookup(ALICE);

            assertThat(List.of(jdkTrust, testCa, broken)).allSatisfy(response -> {
                assertThat(response.status()).isEqualTo(SourceResponse.Status.ERROR);
                assertThat(response.message()).contains("ldaps://127.0.0.1:" + tls.port());
            });
            assertThat(jdkTrust.message()).contains("certification path");
            assertThat(testCa.message()).as("trusted through the test CA, refused for its key usage")
                    .contains("TLS server authentication");
            assertThat(broken.message()).contains("cannot use the trust store " + garbage);
        }
    }

    /** example has ou=partner -> 127.0.0.1 (carol) and ou=elsewhere -> localhost (heidi), both on the partner. */
    private void withPartnerReferral() {
        partner.addPerson("carol", "carol@example.com", new Attribute("userCertificate;binary", bytes("carol.der")));
        partner.addPerson("others", "heidi", "heidi@example.com",
                new Attribute("userCertificate;binary", bytes("heidi-legacy-dn.der")));
        ldap.addReferral("ou=partner", "ldap://127.0.0.1:" + partner.port() + "/ou=people,dc=partner,dc=org");
        ldap.addReferral("ou=elsewhere", "ldap://localhost:" + partner.port() + "/ou=others,dc=partner,dc=org");
    }

    private static LdapCertificateSource source(LdapServerSettings.Builder settings) {
        return new LdapCertificateSource(SourceName.LDAP, settings.build().orElseThrow(), CRYPTO, CLOCK);
    }
}
