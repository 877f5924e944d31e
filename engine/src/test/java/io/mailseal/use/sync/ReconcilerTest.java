package io.mailseal.use.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.rules.Endpoint;
import io.mailseal.rules.Groups;
import io.mailseal.rules.RuleImportParser;
import io.mailseal.rules.RuleImportResult;
import io.mailseal.rules.RuleSet;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStatus;
import io.mailseal.use.UseImportParser;
import io.mailseal.use.UseImportResult;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final EmailAddress JOHN = EmailAddress.parse("john.doe@company.com");
    private static final EmailAddress JANE = EmailAddress.parse("jane@company.com");

    private final Reconciler reconciler = new Reconciler(KeyDefaults.SPEC, Clock.fixed(NOW, ZoneOffset.UTC));

    private static UseImportResult.Valid use(String text) {
        UseImportResult result = UseImportParser.create().parse("t.useimport", new StringReader(text + "#####\n"));
        assertThat(result.problems()).isEmpty();
        return (UseImportResult.Valid) result;
    }

    private static ManagedKeyStatus key(String fingerprint, EmailAddress address, Instant expires, boolean revoked) {
        return new ManagedKeyStatus(fingerprint, address, KeyType.PGP, ManagedKey.Origin.GENERATED,
                NOW.minus(Duration.ofDays(100)), Optional.of(expires), revoked, true);
    }

    private static List<String> rendered(SyncPlan plan) {
        return plan.lines().stream().map(LineOutcome::render).toList();
    }

    @Test
    void aWantedKeyIsCreatedWithTheLinesValuesAndTheDefaultsForTheRest() {
        SyncPlan plan = reconciler.reconcile(SyncState.of(List.of(), Groups.empty(), RuleSet.EMPTY), use("""
                pgp-state: john.doe@company.com;keylength:2048;name: John Doe;comment:Retarus Key;keystate:1;\
                keytype:RSA;validitytime:3y
                pgp-state:jane@company.com;name:Jane;keystate:1
                pgp-state:ed@company.com;name:Ed;keytype:ed25519;keystate:1
                """));

        assertThat(plan.actions()).containsExactly(
                new SyncAction.CreatePgpKey(1, new PgpKeyGenerator.Spec(JOHN, "John Doe", Optional.of("Retarus Key"),
                        PgpKeyGenerator.Algorithm.RSA, 2048, 3)),
                new SyncAction.CreatePgpKey(2, new PgpKeyGenerator.Spec(JANE, "Jane", Optional.empty(),
                        PgpKeyGenerator.Algorithm.RSA, 4096, 1)),
                new SyncAction.CreatePgpKey(3, new PgpKeyGenerator.Spec(EmailAddress.parse("ed@company.com"), "Ed",
                        Optional.empty(), PgpKeyGenerator.Algorithm.ED25519, 0, 1)));
        assertThat(rendered(plan)).containsExactly(
                "(+) pgp-state:john.doe@company.com;name:John Doe;keylength:2048;comment:Retarus Key;keytype:rsa;"
                        + "validity:3y;keystate:1  -- creates an RSA-2048 key valid 3 years: no managed PGP key",
                "(+) pgp-state:jane@company.com;name:Jane;keystate:1  -- creates an RSA-4096 key valid 1 year: no"
                        + " managed PGP key",
                "(+) pgp-state:ed@company.com;name:Ed;keytype:ed25519;keystate:1  -- creates an Ed25519 key valid 1"
                        + " year: no managed PGP key");
    }

    @Test
    void aValidManagedKeyIsEnoughButExpiredAndRevokedOnesAreNot() {
        SyncState state = SyncState.of(List.of(key("AAAA", JOHN, NOW.plusSeconds(1), false),
                key("BBBB", JANE, NOW, false), key("CCCC", JANE, NOW.plusSeconds(60), true)), Groups.empty(),
                RuleSet.EMPTY);

        SyncPlan plan = reconciler.reconcile(state, use("""
                pgp-state:JOHN.DOE@company.com;name:John;keystate:1
                pgp-state:jane@company.com;name:Jane;keystate:1
                """));

        assertThat(rendered(plan)).containsExactly(
                "(%) pgp-state:JOHN.DOE@company.com;name:John;keystate:1  -- has a valid managed PGP key AAAA",
                "(+) pgp-state:jane@company.com;name:Jane;keystate:1  -- creates an RSA-4096 key valid 1 year: no"
                        + " valid managed PGP key (2 expired or revoked)");
        assertThat(plan.actions()).extracting(SyncAction::line).containsExactly(2);
    }

    @Test
    void keystateZeroDeletesEveryManagedKeyOrHasNothingToDo() {
        SyncState state = SyncState.of(List.of(key("BBBB", JOHN, NOW.plusSeconds(60), false),
                key("AAAA", JOHN, NOW.minusSeconds(60), false)), Groups.empty(), RuleSet.EMPTY);

        SyncPlan plan = reconciler.reconcile(state, use("""
                pgp-state: john.doe@company.com;keystate:0
                pgp-state:jane@company.com;keystate:0
                """));

        assertThat(plan.actions()).containsExactly(new SyncAction.DeletePgpKeys(1, JOHN, List.of("AAAA", "BBBB")));
        assertThat(rendered(plan)).containsExactly(
                "(-) pgp-state:john.doe@company.com;keystate:0  -- deletes 2 managed PGP keys: AAAA, BBBB",
                "(%) pgp-state:jane@company.com;keystate:0  -- has no managed PGP key");
    }

    @Test
    void smimeStatesPassphrasesAndOptionsAreNothingToDoAndSecretsAreMasked() {
        SyncPlan plan = reconciler.reconcile(SyncState.of(List.of(), Groups.empty(), RuleSet.EMPTY), use("""
                smime-state:support@company.com; name:Support;keystate:1;teamcert:1
                passphrase:S3cret!;smimeimport
                option:RCR 123456;action-id
                pgp-state:dsa@company.com;name:Old;keytype:dsa;keystate:1
                """));

        assertThat(plan.actions()).isEmpty();
        assertThat(rendered(plan)).containsExactly(
                "(%) smime-state:support@company.com;name:Support;teamcert:1;keystate:1  -- S/MIME certificates are"
                        + " not managed: no certificate authority is configured; nothing done",
                "(%) passphrase:********;smimeimport  -- passphrase for private-key imports",
                "(%) option:RCR 123456;action-id  -- option for this run",
                "(!) pgp-state:dsa@company.com;name:Old;keytype:dsa;keystate:1  -- no key made: keytype dsa is not"
                        + " accepted by Mailseal's OpenPGP policy (DSA/ElGamal are deprecated by RFC 9580), so the key"
                        + " could never be used; write keytype:rsa or keytype:ed25519");
        assertThat(plan.toString()).doesNotContain("S3cret");
    }

    @Test
    void aGroupIsSetToExactlyItsListedMembersAndLeftOutMembersAreReportedRemoved() {
        Groups live = Groups.builder().add("untouched", new Endpoint.Domain("domain-a.com"))
                .add("untouched", new Endpoint.Address(JANE)).add("other", new Endpoint.Address(JANE)).build();

        SyncPlan plan = reconciler.reconcile(SyncState.of(List.of(), live, RuleSet.EMPTY), use("""
                group:DOMAIN-A.com;Untouched
                group:domain-b.com;untouched
                """));

        assertThat(plan.actions()).containsExactly(new SyncAction.SetGroup(1, "Untouched",
                List.of(new Endpoint.Domain("domain-a.com"), new Endpoint.Domain("domain-b.com")),
                List.of(new Endpoint.Address(JANE))));
        assertThat(rendered(plan)).containsExactly(
                "(%) group:domain-a.com;Untouched  -- already in group Untouched",
                "(+) group:domain-b.com;untouched  -- added to group Untouched",
                "(-) group:jane@company.com;Untouched  -- removed from group Untouched: not in the file");
    }

    @Test
    void aRuleFileReplacesTheLiveRulesUnlessTheyAreEqual() {
        RuleImportResult.Valid file = (RuleImportResult.Valid) RuleImportParser.create().parse("r.ruleimport",
                new StringReader("support@company.com;*;untouched\n*;*;se;ss;pdf:Pa55\n#####\n"));
        RuleSet old = ((RuleImportResult.Valid) RuleImportParser.create().parse("old", new StringReader(
                "support@company.com;*;untouched\n*;*;fe\n#####\n"))).ruleSet();

        SyncPlan plan = reconciler.reconcile(SyncState.of(List.of(), Groups.empty(), old), file);
        SyncPlan again = reconciler.reconcile(SyncState.of(List.of(), Groups.empty(), file.ruleSet()), file);

        assertThat(plan.actions()).containsExactly(new SyncAction.ReplaceRules(0, file.ruleSet()));
        assertThat(rendered(plan)).containsExactly(
                "(%) support@company.com;*;untouched  -- already live",
                "(+) *;*;se;ss;pdf:********  -- new rule",
                "(-) *;*;fe  -- removed: not in the file");
        assertThat(again.actions()).isEmpty();
        assertThat(rendered(again)).allMatch(line -> line.startsWith("(%)"));
    }

    @Test
    void aRuleFilesOutcomesNameTheFileLinesOfTheirRules() {
        RuleImportResult.Valid file = (RuleImportResult.Valid) RuleImportParser.create().parse("r.ruleimport",
                new StringReader("\nsupport@company.com;*;untouched\n\n\n*;*;se\n#####\n"));

        SyncPlan plan = reconciler.reconcile(SyncState.of(List.of(), Groups.empty(), RuleSet.EMPTY), file);

        assertThat(plan.lines()).extracting(LineOutcome::line).containsExactly(2, 5);
    }

    private static final EmailAddress SUPPORT = EmailAddress.parse("support@company.com");
    private static final Reconciler LIMITED = new Reconciler(KeyDefaults.SPEC, SmimeSyncSettings.DEFAULTS
            .withMaxLive(3), Clock.fixed(NOW, ZoneOffset.UTC));

    private static SyncState withCertificates(io.mailseal.ca.IssuedCertificate... live) {
        return SyncState.of(List.of(), Groups.empty(), RuleSet.EMPTY).withCertificates(List.of(live));
    }

    @Test
    void aWantedCertificateIsCreatedWhenThereIsNoneOrTheLiveOneExpiresWithinTheBuffer() {
        var renewing = TestCertificates.issued(JOHN, NOW.plus(Duration.ofHours(47)));
        var current = TestCertificates.issued(JANE, NOW.plus(Duration.ofHours(49)));

        SyncPlan plan = reconciler.reconcile(withCertificates(renewing, current), use("""
                smime-state:support@company.com; name:Support;keystate:1;teamcert:1
                smime-state:john.doe@company.com; name:John Doe;keystate:1;teamcert:0
                smime-state:jane@company.com;name:Jane Q Public;givenname:Jane;surname:Public;teamcert:0;keystate:1
                """));

        assertThat(plan.actions()).containsExactly(
                new SyncAction.IssueCertificate(1, SUPPORT, new io.mailseal.ca.Holder.Team("Support"),
                        io.mailseal.ca.KeySpec.RSA_3072, java.time.Period.ofYears(1),
                        SyncAction.CertificateReason.NEW),
                new SyncAction.IssueCertificate(2, JOHN, new io.mailseal.ca.Holder.Person("John", "Doe"),
                        io.mailseal.ca.KeySpec.RSA_3072, java.time.Period.ofYears(1),
                        SyncAction.CertificateReason.RENEWAL));
        assertThat(rendered(plan)).containsExactly(
                "(+) smime-state:support@company.com;name:Support;teamcert:1;keystate:1  -- creates a team"
                        + " certificate for \"Support\" (RSA-3072, valid P1Y): no live certificate",
                "(+) smime-state:john.doe@company.com;name:John Doe;teamcert:0;keystate:1  -- creates a personal"
                        + " certificate for \"John Doe\" (RSA-3072, valid P1Y): live certificate "
                        + renewing.serialHex() + " expires " + renewing.notAfter()
                        + ", within the renewal buffer of 48 hours",
                "(%) smime-state:jane@company.com;name:Jane Q Public;givenname:Jane;surname:Public;teamcert:0;"
                        + "keystate:1  -- has a live certificate " + current.serialHex() + " valid until "
                        + current.notAfter());
    }

    @Test
    void anUnwantedCertificateIsRevokedWithEveryOtherLiveOneOfTheAddress() {
        var first = TestCertificates.issued(JOHN, NOW.plus(Duration.ofDays(10)));
        var second = TestCertificates.issued(JOHN, NOW.plus(Duration.ofDays(200)));

        SyncPlan plan = reconciler.reconcile(withCertificates(first, second), use("""
                smime-state:john.doe@company.com;keystate:0
                smime-state:jane@company.com;keystate:0
                """));

        assertThat(plan.actions()).containsExactly(new SyncAction.RevokeCertificates(1, JOHN,
                List.of(first.serial(), second.serial())));
        assertThat(rendered(plan)).containsExactly(
                "(-) smime-state:john.doe@company.com;keystate:0  -- revokes 2 certificates (cessationOfOperation): "
                        + first.serialHex() + ", " + second.serialHex(),
                "(%) smime-state:jane@company.com;keystate:0  -- has no live certificate");
    }

    @Test
    void aOneWordPersonalNameCannotMakeACertificate() {
        SyncPlan plan = reconciler.reconcile(withCertificates(), use("""
                smime-state:john.doe@company.com;name:John;teamcert:0;keystate:1
                """));

        assertThat(plan.actions()).isEmpty();
        assertThat(rendered(plan)).singleElement().asString().startsWith("(!) ").contains("needs a given name and a"
                + " surname");
    }

    @Test
    void theLimitCutsCreationsInFileOrderCountingEarlierRevocationsAndListsTheCutLines() {
        var a = TestCertificates.issued(EmailAddress.parse("a@company.com"), NOW.plus(Duration.ofDays(100)));
        var b = TestCertificates.issued(EmailAddress.parse("b@company.com"), NOW.plus(Duration.ofDays(100)));

        SyncPlan plan = LIMITED.reconcile(withCertificates(a, b), use("""
                smime-state:c@company.com;name:C Person;teamcert:0;keystate:1
                smime-state:d@company.com;name:D Person;teamcert:0;keystate:1
                smime-state:a@company.com;keystate:0
                smime-state:e@company.com;name:E Person;teamcert:0;keystate:1
                smime-state:f@company.com;name:F Person;teamcert:0;keystate:1
                """));

        assertThat(plan.actions()).extracting(SyncAction::line).containsExactly(1, 3, 4);
        assertThat(plan.overLimit()).extracting(LineOutcome::line).containsExactly(2, 5);
        assertThat(rendered(plan).get(1)).startsWith("(!) ").contains("3 certificates are live, the limit is 3")
                .contains("the admins are alerted");
    }
}
