package io.mailseal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    private static final EmailAddress SUPPORT = EmailAddress.parse("support@company.com");
    private static final EmailAddress ALICE = EmailAddress.parse("alice@company.com");
    private static final EmailAddress LAWYER = EmailAddress.parse("lisa@lawfirm.example");
    private static final EmailAddress TAX = EmailAddress.parse("tom@tax-consultants.com");
    private static final EmailAddress TAX_SUB = EmailAddress.parse("tom@mail.tax-consultants.com");
    private static final EmailAddress DEV = EmailAddress.parse("dan@company.com");
    private static final EmailAddress EXTERNAL = EmailAddress.parse("eve@software-company-external.org");

    private final Groups groups = Groups.builder()
            .add("lawyers", new Endpoint.Domain("lawfirm.example"))
            .add("Developers", new Endpoint.Address(DEV))
            .build();

    private RuleSet spec() {
        return ((RuleImportResult.Valid) RuleImportParser.create()
                .parse("r", new StringReader(RuleImportParserTest.SPEC_EXAMPLE))).ruleSet();
    }

    @Test
    void theFirstMatchingRuleInFileOrderApplies() {
        RuleSet rules = spec();

        assertThat(rules.firstMatch(SUPPORT, LAWYER, groups::groupsOf)).hasValueSatisfying(match -> {
            assertThat(match.number()).isEqualTo(1);
            assertThat(match.reason()).isEqualTo("rule 1: from support@company.com, to *");
        });
        assertThat(rules.firstMatch(ALICE, TAX, groups::groupsOf)).hasValueSatisfying(match ->
                assertThat(match.reason()).isEqualTo("rule 3: from *, to tax-consultants.com"));
        assertThat(rules.firstMatch(DEV, EXTERNAL, groups::groupsOf)).hasValueSatisfying(match ->
                assertThat(match.reason()).isEqualTo("rule 4: from group:developers, to software-company-external.org"));
        assertThat(rules.firstMatch(ALICE, EXTERNAL, groups::groupsOf)).hasValueSatisfying(match ->
                assertThat(match.reason()).isEqualTo("rule 5: from *, to *"));
    }

    @Test
    void aGroupMatchesItsAddressesAndDomainsIgnoringCase() {
        RuleSet rules = ((RuleImportResult.Valid) RuleImportParser.create().parse("r", new StringReader("""
                SUPPORT@Company.com;group:LAWYERS;fe
                #####
                """))).ruleSet();

        assertThat(rules.firstMatch(SUPPORT, LAWYER, groups::groupsOf)).hasValueSatisfying(match ->
                assertThat(match.reason()).isEqualTo("rule 1: from SUPPORT@company.com, to group:LAWYERS"));
        assertThat(rules.firstMatch(SUPPORT, ALICE, groups::groupsOf)).isEmpty();
    }

    @Test
    void aDomainDoesNotCoverItsSubdomains() {
        RuleSet rules = spec();

        assertThat(rules.firstMatch(ALICE, TAX_SUB, groups::groupsOf)).hasValueSatisfying(match ->
                assertThat(match.number()).isEqualTo(5));
    }

    @Test
    void noMatchingRuleLeavesTheGlobalPolicy() {
        assertThat(RuleSet.EMPTY.firstMatch(ALICE, TAX, groups::groupsOf)).isEmpty();
        RuleSet rules = ((RuleImportResult.Valid) RuleImportParser.create().parse("r",
                new StringReader("support@company.com;*;se\n#####\n"))).ruleSet();
        assertThat(rules.firstMatch(ALICE, TAX, groups::groupsOf)).isEmpty();
    }

    @Test
    void asksForTheGroupsOfEachAddressAtMostOnceAndOnlyWhenARuleNamesAGroup() {
        List<EmailAddress> asked = new ArrayList<>();
        Function<EmailAddress, Set<String>> counting = address -> {
            asked.add(address);
            return groups.groupsOf(address);
        };
        RuleSet rules = ((RuleImportResult.Valid) RuleImportParser.create().parse("r", new StringReader("""
                group:a;group:b;se
                group:c;*;se
                *;group:d;se
                group:developers;group:lawyers;fe
                #####
                """))).ruleSet();

        assertThat(rules.firstMatch(DEV, LAWYER, counting)).hasValueSatisfying(match ->
                assertThat(match.number()).isEqualTo(4));
        assertThat(asked).containsExactlyInAnyOrder(DEV, LAWYER);
        asked.clear();
        assertThat(spec().firstMatch(SUPPORT, ALICE, counting)).isPresent();
        assertThat(asked).isEmpty();
    }

    @Test
    void listsTheGroupsItNames() {
        assertThat(spec().groupNames()).containsExactly("lawyers", "developers");
    }

    @Test
    void describesWhatTheRuleDoes() {
        Rule rule = spec().rules().get(1);

        assertThat(rule.meaning()).containsExactly(
                "fs: force sign: the mail must be signed with the key of support@company.com; it is never sent"
                        + " unsigned",
                "fe: force encrypt: the mail is sent only if every recipient has a usable key; if any lacks one, it"
                        + " is withheld from all",
                "swm: secure webmailer: the recipient gets a notice without content and a link to the content in"
                        + " Confluence (on its own, or as the fallback where encryption is not possible)");
        assertThat(spec().rules().get(3).meaning()).singleElement().asString().endsWith("(the rule sets a password)");
        assertThat(spec().toString()).isEqualTo("RuleSet[5 rules]");
    }
}
