package io.mailseal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySummary;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.TestCertificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private static final EmailAddress BOB = EmailAddress.parse("bob@example.com");
    private static final MessageFacts NOTIFICATION = new MessageFacts(EmailAddress.parse("wiki@example.com"),
            "[Confluence] Page edited", Map.of("X-ATLASSIAN-NOTIFICATIONS-VERSION", List.of("8.0.0")));
    private static RecipientKey smimeKey;

    private final Map<KeyType, LookupResult> answers = new EnumMap<>(KeyType.class);
    private final List<KeyType> asked = new ArrayList<>();

    @BeforeAll
    static void key() throws Exception {
        smimeKey = new RecipientKey.Smime(TestCertificates.forAddress("bob@example.com").build(), List.of());
    }

    @Test
    void encryptsWithTheFirstTypeThatHasAKey() {
        answers.put(KeyType.SMIME, found(smimeKey, SourceName.KEYSTORE));

        Decision decision = engine(TypePriority.SMIME_PREFERRED, Fallback.DO_NOT_SEND).decide(NOTIFICATION, BOB);

        assertThat(decision).isEqualTo(new Decision.Encrypt(smimeKey, SourceName.KEYSTORE));
        assertThat(asked).containsExactly(KeyType.SMIME);
        assertThat(decision.plaintext()).isFalse();
    }

    @Test
    void fallsBackToTheOtherTypeWhenPreferred() {
        answers.put(KeyType.PGP, notFound(KeyType.PGP));
        answers.put(KeyType.SMIME, found(smimeKey, SourceName.LDAP));

        Decision decision = engine(TypePriority.PGP_PREFERRED, Fallback.DO_NOT_SEND).decide(NOTIFICATION, BOB);

        assertThat(decision).isInstanceOf(Decision.Encrypt.class);
        assertThat(asked).containsExactly(KeyType.PGP, KeyType.SMIME);
    }

    @Test
    void onlyPoliciesNeverUseTheOtherType() {
        answers.put(KeyType.SMIME, found(smimeKey, SourceName.KEYSTORE));
        answers.put(KeyType.PGP, notFound(KeyType.PGP));

        Decision decision = engine(TypePriority.PGP_ONLY, Fallback.DO_NOT_SEND).decide(NOTIFICATION, BOB);

        assertThat(decision).isInstanceOf(Decision.Withhold.class);
        assertThat(asked).containsExactly(KeyType.PGP);
        assertThat(decision.reason()).startsWith("no usable PGP key for bob@example.com");
    }

    @Test
    void eachFallbackWithoutAKey() {
        answers.put(KeyType.SMIME, notFound(KeyType.SMIME));
        answers.put(KeyType.PGP, notFound(KeyType.PGP));

        assertThat(engine(TypePriority.SMIME_PREFERRED, Fallback.SEND_UNENCRYPTED).decide(NOTIFICATION, BOB))
                .isInstanceOf(Decision.SendPlain.class).matches(Decision::plaintext);
        assertThat(engine(TypePriority.SMIME_PREFERRED, Fallback.PROBLEM_REPORT).decide(NOTIFICATION, BOB))
                .isInstanceOf(Decision.ProblemReport.class);
        assertThat(engine(TypePriority.SMIME_PREFERRED, Fallback.DO_NOT_SEND).decide(NOTIFICATION, BOB))
                .isInstanceOf(Decision.Withhold.class);
    }

    @Test
    void theReasonTellsWhatEachSourceSaid() {
        Rejection expired = new Rejection(new KeySummary(KeyType.SMIME, "1004", "CN=Bob", null),
                RejectionReason.EXPIRED, "expired on 2021-01-01T00:00:00Z");
        answers.put(KeyType.SMIME, new LookupResult(BOB, KeyType.SMIME, Optional.empty(), List.of(
                SourceResponse.answered(SourceName.KEYSTORE, KeyType.SMIME, List.of(), List.of(expired), Duration.ZERO),
                SourceResponse.disabled(SourceName.USER_DIRECTORY, KeyType.SMIME))));
        answers.put(KeyType.PGP, notFound(KeyType.PGP));

        Decision decision = engine(TypePriority.SMIME_PREFERRED, Fallback.PROBLEM_REPORT).decide(NOTIFICATION, BOB);

        assertThat(decision.reason()).isEqualTo("no usable S/MIME certificate or PGP key for bob@example.com "
                + "(SMIME: KEYSTORE: expired 1004, USER_DIRECTORY: off; PGP: KEYSERVER: none)");
    }

    @Test
    void aFailedSourceMeansRetryUnlessPlaintextIsAllowed() {
        answers.put(KeyType.SMIME, new LookupResult(BOB, KeyType.SMIME, Optional.empty(), List.of(
                SourceResponse.error(SourceName.LDAP, KeyType.SMIME, "ldap.example.com:636: timed out",
                        Duration.ofSeconds(10)))));
        answers.put(KeyType.PGP, notFound(KeyType.PGP));

        Decision retry = engine(TypePriority.SMIME_PREFERRED, Fallback.DO_NOT_SEND).decide(NOTIFICATION, BOB);
        assertThat(retry).isInstanceOf(Decision.Retry.class);
        assertThat(retry.reason()).contains("LDAP: failed (ldap.example.com:636: timed out)");
        assertThat(engine(TypePriority.SMIME_PREFERRED, Fallback.PROBLEM_REPORT).decide(NOTIFICATION, BOB))
                .isInstanceOf(Decision.Retry.class);
        assertThat(engine(TypePriority.SMIME_PREFERRED, Fallback.SEND_UNENCRYPTED).decide(NOTIFICATION, BOB))
                .isInstanceOf(Decision.SendPlain.class);
    }

    @Test
    void exemptionsComeFirstAndNeedEveryConditionTheyName() {
        answers.put(KeyType.SMIME, found(smimeKey, SourceName.KEYSTORE));
        Exemption internal = new Exemption("internal newsletter", List.of("@example.com"), List.of("example.com"),
                Pattern.compile("(?i)newsletter"), null, null, null);
        PolicyEngine engine = new PolicyEngine(new EncryptionPolicy(TypePriority.SMIME_PREFERRED,
                Fallback.DO_NOT_SEND, false, List.of(internal)), this::lookup);

        MessageFacts newsletter = new MessageFacts(EmailAddress.parse("news@example.com"), "Monthly Newsletter",
                Map.of());
        assertThat(engine.decide(newsletter, BOB)).isEqualTo(new Decision.Exempt("internal newsletter"));
        assertThat(asked).isEmpty();
        assertThat(engine.decide(newsletter, EmailAddress.parse("eve@partner.org")))
                .as("recipient outside the domain").isInstanceOf(Decision.Encrypt.class);
        assertThat(engine.decide(NOTIFICATION, BOB)).as("subject does not match").isInstanceOf(Decision.Encrypt.class);
    }

    @Test
    void headerExemptionsMatchNameAndValue() {
        Exemption marked = new Exemption("marked public", List.of(), List.of(), null, "X-Classification",
                Pattern.compile("^public$"), null);
        MessageFacts publicMail = new MessageFacts(null, "", Map.of("x-classification", List.of("public")));
        MessageFacts secretMail = new MessageFacts(null, "", Map.of("X-Classification", List.of("secret")));

        assertThat(marked.matches(publicMail, BOB)).isTrue();
        assertThat(marked.matches(secretMail, BOB)).isFalse();
        assertThat(marked.matches(NOTIFICATION, BOB)).isFalse();
    }

    @Test
    void theReadyRuleMatchesConfluenceAccountMailsOnly() {
        assertThat(Exemption.CONFLUENCE_ACCOUNT_MAILS.matches(
                new MessageFacts(null, "Reset your Confluence password", Map.of()), BOB)).isTrue();
        assertThat(Exemption.CONFLUENCE_ACCOUNT_MAILS.matches(
                new MessageFacts(null, "Confluence sign up", Map.of()), BOB)).isTrue();
        assertThat(Exemption.CONFLUENCE_ACCOUNT_MAILS.matches(NOTIFICATION, BOB)).isFalse();
    }

    @Test
    void theReadyRuleNeverExemptsAContentNotificationWhateverItsSubject() {
        MessageFacts pageTitledLikeAnAccountMail = new MessageFacts(null, "How to reset your password (page edited)",
                Map.of("X-Atlassian-Notifications-Version", List.of("8.0")));

        assertThat(Exemption.CONFLUENCE_ACCOUNT_MAILS.matches(pageTitledLikeAnAccountMail, BOB)).isFalse();
    }

    @Test
    void theReadyRuleTakesTheAdminsSubjectsForAnotherLanguage() {
        Exemption german = Exemption.confluenceAccountMails(Pattern.compile("(?i)passwort zur(ü|ue)cksetzen"));

        assertThat(german.matches(new MessageFacts(null, "Confluence-Passwort zurücksetzen", Map.of()), BOB)).isTrue();
        assertThat(german.matches(new MessageFacts(null, "Reset your Confluence password", Map.of()), BOB)).isFalse();
    }

    @Test
    void aRuleWithUnlessHeaderStepsAsideWhenTheHeaderIsThere() {
        Exemption bulk = new Exemption("bulk", List.of(), List.of(), null, null, null, "X-Confidential");

        assertThat(bulk.matches(new MessageFacts(null, "", Map.of()), BOB)).isTrue();
        assertThat(bulk.matches(new MessageFacts(null, "", Map.of("x-confidential", List.of(""))), BOB)).isFalse();
    }

    @Test
    void theSenderGetsACopyOnlyWhenAskedAndKeyed() {
        answers.put(KeyType.SMIME, found(smimeKey, SourceName.KEYSTORE));
        PolicyEngine copying = new PolicyEngine(new EncryptionPolicy(TypePriority.SMIME_PREFERRED,
                Fallback.DO_NOT_SEND, true, List.of()), this::lookup);

        assertThat(copying.senderCopy(BOB, KeyType.SMIME)).isEqualTo(new Decision.Encrypt(smimeKey,
                SourceName.KEYSTORE));
        assertThat(copying.senderCopy(null, KeyType.SMIME)).isNull();
        assertThat(engine(TypePriority.SMIME_PREFERRED, Fallback.DO_NOT_SEND).senderCopy(BOB, KeyType.SMIME))
                .isNull();
    }

    private PolicyEngine engine(TypePriority priority, Fallback fallback) {
        return new PolicyEngine(new EncryptionPolicy(priority, fallback, false, List.of()), this::lookup);
    }

    private LookupResult lookup(EmailAddress address, KeyType type) {
        asked.add(type);
        return answers.getOrDefault(type, notFound(type));
    }

    private static LookupResult found(RecipientKey key, SourceName source) {
        return new LookupResult(BOB, key.type(), Optional.of(new LookupResult.Found(source, key)), List.of(
                SourceResponse.answered(source, key.type(), List.of(key), List.of(), Duration.ZERO)));
    }

    private static LookupResult notFound(KeyType type) {
        SourceName source = type == KeyType.SMIME ? SourceName.KEYSTORE : SourceName.KEYSERVER;
        return new LookupResult(BOB, type, Optional.empty(), List.of(
                SourceResponse.answered(source, type, List.of(), List.of(), Duration.ZERO)));
    }
}
