package io.mailseal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.mailseal.imports.ImportLimits;
import io.mailseal.imports.ImportProblem;
import io.mailseal.imports.ImportProblem.Kind;
import io.mailseal.imports.SecretDisplay;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Secret;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleImportParserTest {

    /** The spec's example rules (with "software-company- external.org" joined, a line break of the spec's layout). */
    static final String SPEC_EXAMPLE = """
            support@company.com;*;untouched
            support@company.com;group:lawyers;fs: support@company.com;fe;swm
            *;tax-consultants.com;swm
            group:developers;software-company-external.org;swm:PA$$WORT
            *;*;se;ss;comment:USE Mastercatcher
            #####
            """;

    private final RuleImportParser parser = RuleImportParser.create().checkingGroups(Set.of("Lawyers", "developers"));

    /** Parses the lines as a complete file: the termination line is added unless the text has one. */
    private RuleImportResult parse(String text) {
        if (text.contains("#####")) {
            return parseAsIs(text);
        }
        return parseAsIs(text.isEmpty() || text.endsWith("\n") ? text + "#####\n" : text + "\n#####\n");
    }

    private RuleImportResult parseAsIs(String text) {
        return parser.parse("r.ruleimport", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private RuleSet valid(String text) {
        RuleImportResult result = parse(text);
        assertThat(result.problems()).isEmpty();
        return ((RuleImportResult.Valid) result).ruleSet();
    }

    private static Endpoint.Address address(String text) {
        return new Endpoint.Address(EmailAddress.parse(text));
    }

    private static RuleOption flag(RuleOption.Kind kind) {
        return new RuleOption.Flag(kind);
    }

    @Test
    void readsTheSpecExampleInFileOrder() {
        RuleSet rules = valid(SPEC_EXAMPLE);

        assertThat(rules.rules()).containsExactly(
                new Rule(address("support@company.com"), Endpoint.Anyone.INSTANCE,
                        List.of(flag(RuleOption.Kind.UNTOUCHED))),
                new Rule(address("support@company.com"), new Endpoint.Group("lawyers"), List.of(
                        new RuleOption.ForceSign(Optional.of(EmailAddress.parse("support@company.com"))),
                        flag(RuleOption.Kind.FE), new RuleOption.Protected(RuleOption.Kind.SWM, Secret.empty()))),
                new Rule(Endpoint.Anyone.INSTANCE, new Endpoint.Domain("tax-consultants.com"),
                        List.of(new RuleOption.Protected(RuleOption.Kind.SWM, Secret.empty()))),
                new Rule(new Endpoint.Group("developers"), new Endpoint.Domain("software-company-external.org"),
                        List.of(new RuleOption.Protected(RuleOption.Kind.SWM, Secret.of("PA$$WORT")))),
                new Rule(Endpoint.Anyone.INSTANCE, Endpoint.Anyone.INSTANCE, List.of(flag(RuleOption.Kind.SE),
                        flag(RuleOption.Kind.SS), new RuleOption.Comment("USE Mastercatcher"))));
    }

    @Test
    void theSpecExampleAsPrintedHasTheBrokenDomainAtItsColumn() {
        RuleImportResult result = parse("group:developers;software-company- external.org;swm:PA$$WORT\n");

        assertThat(result.problems()).extracting(ImportProblem::line, p -> p.column().getAsInt(),
                ImportProblem::kind, ImportProblem::message).containsExactly(tuple(1, 18, Kind.BAD_ADDRESS,
                "to: 'software-company- external.org' is not an e-mail address, a domain, group:NAME or *"));
    }

    @Test
    void readsEveryOption() {
        Rule rule = valid("a@example.com;b@example.com;ss;me;notify;atk;pgp;zip:z1p;comment:hi there\n"
                + "a@example.com;c@example.com;fs;se;smime;pdf\n"
                + "a@example.com;d@example.com;untouched\n").rules().get(0);

        assertThat(rule.options()).containsExactly(flag(RuleOption.Kind.SS), flag(RuleOption.Kind.ME),
                flag(RuleOption.Kind.NOTIFY), flag(RuleOption.Kind.ATK), flag(RuleOption.Kind.PGP),
                new RuleOption.Protected(RuleOption.Kind.ZIP, Secret.of("z1p")), new RuleOption.Comment("hi there"));
        RuleSet all = valid("a@example.com;b@example.com;ss;me;notify;atk;pgp;zip:z1p;comment:hi there\n"
                + "a@example.com;c@example.com;fs;se;smime;pdf\n"
                + "a@example.com;d@example.com;untouched\n");
        assertThat(all.rules().get(1).options()).containsExactly(new RuleOption.ForceSign(Optional.empty()),
                flag(RuleOption.Kind.SE), flag(RuleOption.Kind.SMIME),
                new RuleOption.Protected(RuleOption.Kind.PDF, Secret.empty()));
        assertThat(all.rules().stream().flatMap(r -> r.options().stream()).map(RuleOption::kind).distinct())
                .hasSize(RuleOption.Kind.values().length - 2);
        assertThat(valid("*;*;fe;swm:x").rules().get(0).has(RuleOption.Kind.SWM)).isTrue();
    }

    @Test
    void toleratesBomCrlfBlankLinesBlanksAfterColonAndSemicolonCaseAndATrailingSemicolon() {
        RuleSet plain = valid(SPEC_EXAMPLE);
        String messy = "\uFEFF\r\n  support@company.com; * ; UNTOUCHED ;\r\n\r\n"
                + "support@company.com; GROUP: lawyers; FS:  support@company.com ;Fe; swm\r\n"
                + "*;TAX-consultants.COM;swm\r\n\t\r\n"
                + "group:developers ;software-company-external.org;  Swm: PA$$WORT\r\n"
                + "*;*;se;ss;comment: USE Mastercatcher;;\r\n";

        RuleImportResult messyResult = parse(messy);

        assertThat(messyResult.problems()).isEmpty();
        assertThat(((RuleImportResult.Valid) messyResult).ruleSet()).isEqualTo(plain);
    }

    @Test
    void aFileWithoutItsTerminationLineIsIncompleteAndNotApplied() {
        String cut = SPEC_EXAMPLE.replace("#####\n", "");

        RuleImportResult result = parseAsIs(cut);

        assertThat(result).isEqualTo(new RuleImportResult.Incomplete("r.ruleimport", 5, List.of(), 0));
        assertThat(result.complete()).isFalse();
        assertThat(parseAsIs(cut.substring(0, cut.indexOf("*;tax")))).isInstanceOf(RuleImportResult.Incomplete.class);
        assertThat(parseAsIs("")).as("an empty file is an upload that has not started")
                .isInstanceOf(RuleImportResult.Incomplete.class);
    }

    @Test
    void problemsFoundBeforeTheCutAreKeptInAnIncompleteFile() {
        RuleImportResult result = parseAsIs("*;*;se;se\n");

        assertThat(result).isInstanceOf(RuleImportResult.Incomplete.class);
        assertThat(result.problems()).extracting(ImportProblem::kind).containsExactly(Kind.DUPLICATE);
    }

    @Test
    void onlyBlankLinesMayFollowTheTerminationLine() {
        assertThat(parse(SPEC_EXAMPLE + "\n\n")).isInstanceOf(RuleImportResult.Valid.class);
        assertThat(parse(SPEC_EXAMPLE + "*;x.org;se\n").problems()).extracting(ImportProblem::kind)
                .containsExactly(Kind.AFTER_TERMINATION);
    }

    @Test
    void reportsEveryKindOfProblemWithItsLineAndColumn() {
        String file = String.join("\n",
                "support@company.com",
                "u2@example.com;*",
                "a@x;*;ss",
                "u4@example.com;group: ;ss",
                "u5@example.com;group:legal;ss",
                "u6@example.com;*;sx",
                "u7@example.com;*;ss:yes",
                "u8@example.com;*;fs:nobody",
                "u9@example.com;*;comment:",
                "u10@example.com;*;pdf:",
                "u11@example.com;*;ss;ss",
                "u12@example.com;*;untouched;se",
                "u13@example.com;*;ss;;se",
                ";*;ss",
                "u15@example.com;*;pdf:se;cret;ss",
                "dup@example.com;*;se",
                "DUP@example.com;*;ss",
                "*;*;se",
                "late@example.com;*;ss",
                "*@example.com;*;se") + "\n";

        RuleImportResult result = parse(file);

        assertThat(result).isInstanceOf(RuleImportResult.Invalid.class);
        assertThat(result.problems()).extracting(ImportProblem::line, p -> p.column().isPresent()
                ? p.column().getAsInt() : null, ImportProblem::kind, ImportProblem::message).containsExactly(
                tuple(1, null, Kind.MISSING_FIELD, "a rule is from;to;option...: the to field is missing"),
                tuple(2, null, Kind.MISSING_FIELD, "no option: a rule is from;to;option... with at least one"),
                tuple(3, 1, Kind.BAD_ADDRESS, "from: 'a@x' is not an e-mail address, a domain, group:NAME or *"),
                tuple(4, 22, Kind.BAD_VALUE, "to: the group name is empty"),
                tuple(5, 22, Kind.UNKNOWN_GROUP, "to: unknown group 'legal'"),
                tuple(6, 18, Kind.UNKNOWN_OPTION, "unknown option 'sx' (options: ss, se, fs, fe, me, notify, comment,"
                        + " swm, untouched, atk, pdf, zip, pgp, smime)"),
                tuple(7, 21, Kind.BAD_VALUE, "ss takes no value"),
                tuple(8, 21, Kind.BAD_ADDRESS, "fs: 'nobody' is not an e-mail address"),
                tuple(9, 26, Kind.MISSING_FIELD, "comment needs a text: comment:TEXT"),
                tuple(10, 23, Kind.BAD_VALUE, "pdf: empty password after ':' (write pdf alone for none)"),
                tuple(11, 22, Kind.DUPLICATE, "ss is given twice (first at column 19)"),
                tuple(12, 29, Kind.CONFLICTING_OPTIONS, "untouched sends the mail as it is, so it cannot go with se"),
                tuple(13, 22, Kind.SYNTAX, "empty field between two ';'"),
                tuple(14, 1, Kind.MISSING_FIELD, "the from field is empty: write an address, a domain, group:NAME"
                        + " or *"),
                tuple(15, 26, Kind.UNKNOWN_OPTION, "unknown option (not shown: it follows a password, and a password"
                        + " cannot contain ';')"),
                tuple(17, null, Kind.DUPLICATE, "never applies: the rule on line 16 has the same from and to"
                        + " (DUP@example.com;*) and comes first"),
                tuple(19, null, Kind.NEVER_APPLIES, "never applies: the rule *;* on line 18 matches every mail first"),
                tuple(20, 1, Kind.BAD_ADDRESS, "from: '*@example.com' is not an e-mail address, a domain,"
                        + " group:NAME or *; for everyone at a domain, write the domain alone"));
        assertThat(result.problemCount()).isEqualTo(18);
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo("r.ruleimport"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "untouched;ss    | untouched sends the mail as it is, so it cannot go with ss",
            "fe;untouched    | untouched sends the mail as it is, so it cannot go with fe",
            "untouched;atk   | untouched sends the mail as it is, so it cannot go with atk",
            "untouched;pdf:x | untouched sends the mail as it is, so it cannot go with pdf",
            "untouched;smime | untouched sends the mail as it is, so it cannot go with smime",
            "ss;fs           | ss and fs both ask for a signature; keep one (fs: must sign, ss: sign when possible)",
            "se;fe           | se and fe are different demands for encryption; keep one (se: when possible, me:"
                    + " withhold from recipients without key, fe: withhold from all if one lacks a key)",
            "me;se           | me and se are different demands for encryption; keep one (se: when possible, me:"
                    + " withhold from recipients without key, fe: withhold from all if one lacks a key)",
            "fe;me           | fe and me are different demands for encryption; keep one (se: when possible, me:"
                    + " withhold from recipients without key, fe: withhold from all if one lacks a key)",
            "pgp;smime       | pgp and smime each allow only their own method; keep one, or neither to allow both",
            "pdf;zip         | pdf and zip are alternative ways to deliver the content; keep one",
            "swm;pdf         | swm and pdf are alternative ways to deliver the content; keep one",
            "zip:a;swm:b     | zip and swm are alternative ways to deliver the content; keep one"})
    void refusesOptionsThatCannotGoTogether(String options, String message) {
        RuleImportResult result = parse("*;*;" + options + "\n");

        assertThat(result.problems()).extracting(ImportProblem::kind, ImportProblem::message)
                .containsExactly(tuple(Kind.CONFLICTING_OPTIONS, message));
        assertThat(result.problems().get(0).column()).hasValue(5 + options.indexOf(';') + 1);
    }

    @Test
    void allowsWhatGoesTogether() {
        valid("""
                *;a.org;fe;swm;notify;comment:fallback
                *;b.org;me;ss;atk;pgp;pdf:pw
                *;c.org;se;fs:x@example.com;smime;zip
                *;d.org;untouched;notify;comment:as is
                """);
    }

    @Test
    void checksGroupNamesOnlyWhenAsked() {
        assertThat(RuleImportParser.create().parse("r", new StringReader("group:any;*;se\n#####\n")))
                .isInstanceOf(RuleImportResult.Valid.class);
        assertThat(parse("group:LAWYERS;*;se").problems()).isEmpty();
        assertThat(parse("group:lawyer;*;se").problems()).extracting(ImportProblem::kind)
                .containsExactly(Kind.UNKNOWN_GROUP);
    }

    @Test
    void neverShowsAPasswordInProblemsOrText() {
        String file = """
                *;a.org;pdf:Secr3t;Secr3tToo
                *;b.org;swm:Hunter2;swm:Hunter3
                *;c.org;zip:Pa55;pdf:Pa66
                *;d.org;pdf: SafePw;se
                """;

        RuleImportResult result = parse(file);

        assertThat(result.problemCount()).isEqualTo(3);
        for (String secret : List.of("Secr3t", "Hunter", "Pa55", "Pa66")) {
            assertThat(result.problems()).allSatisfy(p -> assertThat(p.message()).doesNotContain(secret));
            assertThat(result.toString()).doesNotContain(secret);
        }
        RuleSet rules = valid("*;d.org;pdf: SafePw;se\n");
        assertThat(rules.toString()).doesNotContain("SafePw");
        assertThat(rules.rules().get(0).toString()).isEqualTo("*;d.org;pdf:********;se");
        assertThat(rules.rules().get(0).meaning()).noneMatch(line -> line.contains("SafePw"));
        assertThat(rules.render(SecretDisplay.MASK)).doesNotContain("SafePw");
        assertThat(rules.render(SecretDisplay.REVEAL)).isEqualTo("*;d.org;pdf:SafePw;se\n#####\n");
    }

    @Test
    void rendersTheSpecExampleBackToEqualRules() {
        RuleSet rules = valid(SPEC_EXAMPLE);
        String rendered = rules.render(SecretDisplay.REVEAL);

        assertThat(rendered).isEqualTo("""
                support@company.com;*;untouched
                support@company.com;group:lawyers;fs:support@company.com;fe;swm
                *;tax-consultants.com;swm
                group:developers;software-company-external.org;swm:PA$$WORT
                *;*;se;ss;comment:USE Mastercatcher
                #####
                """);
        assertThat(valid(rendered)).isEqualTo(rules);
    }

    @Test
    void anEmptyFileIsAnEmptyRuleSet() {
        assertThat(valid("")).isEqualTo(RuleSet.EMPTY);
        assertThat(valid("\n\n#####\n")).isEqualTo(RuleSet.EMPTY);
    }

    @Test
    void keepsOnlyTheFirstProblemsAndCountsTheRest() {
        String file = "x;*;se\n".repeat(50);

        RuleImportResult result = RuleImportParser.create().withLimits(new ImportLimits(4096, 1000, 10))
                .parse("r", new StringReader(file + "#####\n"));

        assertThat(result.problems()).hasSize(10);
        assertThat(result.problemCount()).isEqualTo(50);
    }
}
