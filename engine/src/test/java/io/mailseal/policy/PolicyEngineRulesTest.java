package io.mailseal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.rules.RuleImportParser;
import io.mailseal.rules.RuleImportResult;
import io.mailseal.rules.RuleSet;
import io.mailseal.rules.Groups;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a rule's options change the policy's decision for one recipient (no crypto: nobody has a key here). */
class PolicyEngineRulesTest {

    private static final EmailAddress WIKI = EmailAddress.parse("wiki@example.com");
    private static final EmailAddress BOB = EmailAddress.parse("bob@example.com");
    private static final MessageFacts RESET = new MessageFacts(WIKI, "Reset your password", Map.of());

    private final List<KeyType> asked = new ArrayList<>();
    private boolean sourceDown;

    @Test
    void withoutARuleTheDecisionIsTheGlobalOne() {
        assertThat(engine(Fallback.SEND_UNENCRYPTED).decide(RESET, BOB, RuleTreatment.NONE))
                .isEqualTo(engine(Fallback.SEND_UNENCRYPTED).decide(RESET, BOB));
    }

    @Test
    void anExemptionHoldsForSeButYieldsToMeFeAndProtectedDeliveries() {
        PolicyEngine engine = new PolicyEngine(new EncryptionPolicy(TypePriority.SMIME_PREFERRED,
                Fallback.PROBLEM_REPORT, false, List.of(Exemption.CONFLUENCE_ACCOUNT_MAILS)), this::lookup);

        assertThat(engine.decide(RESET, BOB, rule("*;*;se"))).isInstanceOf(Decision.Exempt.class);
        assertThat(engine.decide(RESET, BOB, rule("*;*;me"))).isInstanceOf(Decision.ProblemReport.class);
        assertThat(engine.decide(RESET, BOB, rule("*;*;fe"))).isInstanceOf(Decision.ProblemReport.class);
        assertThat(engine.decide(RESET, BOB, rule("*;*;swm"))).isInstanceOf(Decision.WebNotice.class);
        assertThat(engine.decide(RESET, BOB, rule("*;*;untouched"))).isInstanceOf(Decision.Untouched.class);
    }

    @Test
    void meAndFeNeverSendPlaintextWhateverTheGlobalFallback() {
        assertThat(engine(Fallback.SEND_UNENCRYPTED).decide(RESET, BOB, rule("*;*;me")))
                .isInstanceOf(Decision.Withhold.class);
        assertThat(engine(Fallback.DO_NOT_SEND).decide(RESET, BOB, rule("*;*;fe")))
                .isInstanceOf(Decision.Withhold.class);
        assertThat(engine(Fallback.PROBLEM_REPORT).decide(RESET, BOB, rule("*;*;me")))
                .isInstanceOf(Decision.ProblemReport.class);
        assertThat(engine(Fallback.SEND_UNENCRYPTED).decide(RESET, BOB, rule("*;*;se")))
                .isInstanceOf(Decision.SendPlain.class);
    }

    @Test
    void aFailedKeySourceUnderMeIsARetryNotPlaintext() {
        sourceDown = true;

        assertThat(engine(Fallback.SEND_UNENCRYPTED).decide(RESET, BOB, rule("*;*;me")))
                .isInstanceOf(Decision.Retry.class);
        assertThat(engine(Fallback.SEND_UNENCRYPTED).decide(RESET, BOB, rule("*;*;zip;se")))
                .isInstanceOf(Decision.Retry.class);
    }

    @Test
    void theRulesMethodReplacesTheGlobalTypePriority() {
        Decision decision = engine(Fallback.PROBLEM_REPORT).decide(RESET, BOB, rule("*;*;pgp"));

        assertThat(asked).containsExactly(KeyType.PGP);
        assertThat(decision.reason()).startsWith("rule 1 (*;*;pgp): no usable PGP key for bob@example.com");
    }

    @Test
    void swmPdfAndZipAloneReplaceTheMessageWithoutLookingForKeys() {
        Decision pdf = engine(Fallback.PROBLEM_REPORT).decide(RESET, BOB, rule("*;*;pdf:secret"));

        assertThat(pdf).isEqualTo(new Decision.Packaged(RuleTreatment.Delivery.PDF,
                "rule 1 (*;*;pdf:********): pdf for every recipient"));
        assertThat(asked).isEmpty();
        assertThat(engine(Fallback.PROBLEM_REPORT).decide(RESET, BOB, rule("*;*;me;zip")))
                .isInstanceOf(Decision.Packaged.class);
    }

    @Test
    void aRulesOptionsReadAsTheirDemands() {
        RuleTreatment treatment = rule("*;*;fs:signer@example.com;fe;smime;atk;notify;zip:pw");

        assertThat(treatment.encryption()).isEqualTo(RuleTreatment.Encryption.FORCE);
        assertThat(treatment.signing()).isEqualTo(RuleTreatment.Signing.FORCE);
        assertThat(treatment.signer()).contains(EmailAddress.parse("signer@example.com"));
        assertThat(treatment.method()).contains(KeyType.SMIME);
        assertThat(treatment.delivery()).isEqualTo(RuleTreatment.Delivery.ZIP);
        assertThat(treatment.password().reveal()).isEqualTo("pw");
        assertThat(treatment.notifySender()).isTrue();
        assertThat(treatment.attachKey()).isTrue();
        assertThat(treatment.dedicatedDelivery()).isFalse();
        assertThat(treatment.toString()).doesNotContain("pw;").doesNotContain(":pw");
    }

    private static RuleTreatment rule(String line) {
        RuleImportResult parsed = RuleImportParser.create().parse("t.ruleimport", new StringReader(line + "\n#####\n"));
        RuleSet rules = ((RuleImportResult.Valid) parsed).ruleSet();
        return RuleTreatment.of(rules.firstMatch(WIKI, BOB, Groups.empty()::groupsOf));
    }

    private PolicyEngine engine(Fallback fallback) {
        return new PolicyEngine(new EncryptionPolicy(TypePriority.SMIME_PREFERRED, fallback, false, List.of()),
                this::lookup);
    }

    private LookupResult lookup(EmailAddress address, KeyType type) {
        asked.add(type);
        SourceResponse response = sourceDown ? SourceResponse.error(SourceName.LDAP, type, "timed out", Duration.ZERO)
                : SourceResponse.answered(SourceName.KEYSERVER, type, List.of(), List.of(), Duration.ZERO);
        return new LookupResult(address, type, Optional.empty(), List.of(response));
    }
}
