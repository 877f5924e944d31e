package io.mailseal.use;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.mailseal.imports.ImportLimits;
import io.mailseal.imports.ImportProblem;
import io.mailseal.imports.ImportProblem.Kind;
import io.mailseal.imports.SecretDisplay;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.Endpoint;
import io.mailseal.settings.Secret;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class UseImportParserTest {

    private static final String IDENTIFIERS = "(identifiers: smime-state, pgp-state, passphrase, group, option)";

    private final UseImportParser parser = UseImportParser.create();

    private UseImportResult parse(String text) {
        return parser.parse("u.useimport", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private UseImportResult.Valid valid(String text) {
        UseImportResult result = parse(text);
        assertThat(result.problems()).isEmpty();
        assertThat(result).isInstanceOf(UseImportResult.Valid.class);
        return (UseImportResult.Valid) result;
    }

    private static EmailAddress address(String text) {
        return EmailAddress.parse(text);
    }

    private static List<Tuple> problems(UseImportResult result) {
        return result.problems().stream().map(p -> tuple(p.line(), p.column().isPresent() ? p.column().getAsInt()
                : null, p.kind(), p.message())).toList();
    }

    @Test
    void readsEveryIdentifierIntoTheModel() {
        UseImportResult.Valid result = valid("""
                smime-state:support@company.com;name:Support;teamcert:1;keystate:1
                smime-state:john.doe@company.com;name:John Doe;givenname:John;surname:Doe;teamcert:0;keystate:1
                smime-state:gone@company.com;keystate:0
                pgp-state:john.doe@company.com;keylength:4096;name:John Doe;comment:Retarus Key;keystate:1;keytype:RSA;validitytime:10y
                pgp-state:eve@company.com;name:Eve;keystate:1;keytype:ed25519;validity:2y
                pgp-state:old@company.com;keystate:0
                passphrase:securePassword;smimeimport
                group:alice@company.com;use_test_02
                group:domain-a.com;untouched
                option:RCR 123456;action-id
                option:report@company.com;addmailreport
                option:admin@company.com;addmailadmin
                option:bcc@company.com;addmailbcc
                #####
                """);

        assertThat(result.lines()).containsExactly(
                new UseLine.SmimeState(1, address("support@company.com"), true, Optional.of("Support"),
                        Optional.of(true), Optional.empty(), Optional.empty()),
                new UseLine.SmimeState(2, address("john.doe@company.com"), true, Optional.of("John Doe"),
                        Optional.of(false), Optional.of("John"), Optional.of("Doe")),
                new UseLine.SmimeState(3, address("gone@company.com"), false, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty()),
                new UseLine.PgpState(4, address("john.doe@company.com"), true, Optional.of("John Doe"),
                        OptionalInt.of(4096), Optional.of("Retarus Key"), Optional.of(PgpKeyType.RSA),
                        OptionalInt.of(10)),
                new UseLine.PgpState(5, address("eve@company.com"), true, Optional.of("Eve"), OptionalInt.empty(),
                        Optional.empty(), Optional.of(PgpKeyType.ED25519), OptionalInt.of(2)),
                new UseLine.PgpState(6, address("old@company.com"), false, Optional.empty(), OptionalInt.empty(),
                        Optional.empty(), Optional.empty(), OptionalInt.empty()),
                new UseLine.Passphrase(7, Secret.of("securePassword")),
                new UseLine.GroupEntry(8, new Endpoint.Address(address("alice@company.com")), "use_test_02"),
                new UseLine.GroupEntry(9, new Endpoint.Domain("domain-a.com"), "untouched"),
                new UseLine.Option(10, OptionKind.ACTION_ID, "RCR 123456"),
                new UseLine.Option(11, OptionKind.ADD_MAIL_REPORT, "report@company.com"),
                new UseLine.Option(12, OptionKind.ADD_MAIL_ADMIN, "admin@company.com"),
                new UseLine.Option(13, OptionKind.ADD_MAIL_BCC, "bcc@company.com"));
        assertThat(result.options()).isEqualTo(new RunOptions(Optional.of("RCR 123456"),
                Optional.of(address("report@company.com")), Optional.of(address("admin@company.com")),
                Optional.of(address("bcc@company.com"))));
        assertThat(result.groups().names()).containsExactly("use_test_02", "untouched");
        assertThat(result.groups().groupsOf(address("bob@domain-a.com"))).containsExactly("untouched");
        assertThat(result.passphrases()).containsExactly(Secret.of("securePassword"));
        assertThat(result.complete()).isTrue();
        assertThat(result.valid()).isTrue();
    }

    @Test
    void theSpecsExampleLinesAsOneFileHaveExactlyTheseProblems() {
        UseImportResult result = parse("""
                group:domain-a.com;untouched
                group:domain-b;untouched
                passphrase:123456;smimeimport
                smime-state:support@company.com; name:Support;keystate:1;teamcert:1
                smime-state:john.doe@company.com; name:John Doe;keystate:1;teamcert:0
                smime-state:john.doe@company.com;keystate:0
                pgp-state: john.doe@company.com;keylength:4096;name:John Doe;comment:Retarus Key;keystate:1;keytype:RSA;validitytime:11y
                pgp-state: john.doe@company.com;keystate:0
                option:RCR 123456;action-id
                #####
                """);

        assertThat(result).isInstanceOf(UseImportResult.Invalid.class);
        assertThat(problems(result)).containsExactly(
                tuple(2, 7, Kind.BAD_ADDRESS, "'domain-b' is neither an e-mail address nor a domain"),
                tuple(6, 43, Kind.CONTRADICTORY_STATES, "contradictory states for john.doe@company.com: smime-state"
                        + " keystate:0 here, keystate:1 on line 5"),
                tuple(7, 118, Kind.BAD_VALIDITY, "validitytime must be 1y to 10y (years), not '11y'"),
                tuple(8, 42, Kind.CONTRADICTORY_STATES, "contradictory states for john.doe@company.com: pgp-state"
                        + " keystate:0 here, keystate:1 on line 7"));
    }

    @Test
    void reportsEveryKindOfProblemWithItsLineAndColumn() {
        UseImportResult result = parse(String.join("\n",
                "foo:bar",
                "pgp- state:a@example.com;keystate:0",
                "just text",
                "smime-state:a@example.com;keystate:1;teamcert:0;nmae:X;name:A",
                "smime-state:b@example.com;keystate:0;keylength:4096",
                "smime-state:not-an-address;keystate:0",
                "smime-state:c@example.com;keystate:1",
                "smime-state:d@example.com;name:D",
                "smime-state:e@example.com;keystate:2",
                "smime-state:f@example.com;keystate:1;name:F;teamcert:1;givenname:F;surname:G",
                "smime-state:g@example.com;keystate:1;name:G;teamcert:0;givenname:G",
                "pgp-state:h@example.com;keystate:1",
                "pgp-state:i@example.com;keystate:1;name:I;keylength:3072",
                "pgp-state:j@example.com;keystate:1;name:J;keylength:1024",
                "pgp-state:k@example.com;keystate:1;name:K;keytype:dsa;keylength:4096",
                "pgp-state:l@example.com;keystate:1;name:L;keytype:ed25519;keylength:2048",
                "pgp-state:m@example.com;keystate:1;name:M;keytype:elgamal",
                "pgp-state:n@example.com;keystate:1;name:N;validity:11y",
                "pgp-state:o@example.com;keystate:1;name:O;validity:1y;validitytime:2y",
                "pgp-state:p@example.com;keystate:1;name:P;name:Q",
                "pgp-state:q@example.com;keystate:1;name:",
                "pgp-state:r@example.com;keystate:0;;comment:x",
                "pgp-state:s@example.com;keystate:0;comment",
                "group:t@example.com;sales",
                "group:T@example.com;Sales",
                "group:bad domain;sales",
                "group:u@example.com",
                "group:u@example.com;a;b",
                "group:u@example.com;a:b",
                "option:RCR 1;ticket",
                "option:nobody;addmailbcc",
                "option:;action-id",
                "passphrase:;smimeimport",
                "passphrase:abc",
                "passphrase:ab;cd;smimeimport",
                "smime-state:v@example.com;keystate:1;name:V;teamcert:1",
                "smime-state:V@example.com;keystate:1;name:V;teamcert:1",
                "smime-state:v@example.com;keystate:0",
                "pgp-state:w@example.com;keystate:1;name:W;keylength:abc",
                "#####"));

        assertThat(problems(result)).containsExactly(
                tuple(1, 1, Kind.UNKNOWN_IDENTIFIER, "unknown identifier 'foo' " + IDENTIFIERS),
                tuple(2, 1, Kind.UNKNOWN_IDENTIFIER, "unknown identifier 'pgp- state' " + IDENTIFIERS
                        + "; did you mean 'pgp-state'?"),
                tuple(3, 1, Kind.UNKNOWN_IDENTIFIER, "'just text' is not identifier:value " + IDENTIFIERS),
                tuple(4, 49, Kind.UNKNOWN_SUB_IDENTIFIER, "unknown sub-identifier 'nmae' for smime-state (smime-state"
                        + " takes name, teamcert, keystate, givenname, surname)"),
                tuple(5, 38, Kind.UNKNOWN_SUB_IDENTIFIER, "'keylength' belongs to pgp-state, not smime-state"
                        + " (smime-state takes name, teamcert, keystate, givenname, surname)"),
                tuple(6, 13, Kind.BAD_ADDRESS, "'not-an-address' is not an e-mail address"),
                tuple(7, null, Kind.MISSING_FIELD, "smime-state with keystate:1 needs name"),
                tuple(7, null, Kind.MISSING_FIELD, "smime-state with keystate:1 needs teamcert:0 (personal) or"
                        + " teamcert:1 (team)"),
                tuple(8, null, Kind.MISSING_FIELD, "smime-state needs keystate:1 (have a key) or keystate:0 (have"
                        + " none)"),
                tuple(9, 36, Kind.BAD_VALUE, "keystate must be 0 or 1, not '2'"),
                tuple(10, 56, Kind.FIELD_NOT_ALLOWED, "givenname and surname are for personal certificates"
                        + " (teamcert:0), not team certificates"),
                tuple(11, null, Kind.MISSING_FIELD, "givenname needs surname too (a personal certificate carries"
                        + " both)"),
                tuple(12, null, Kind.MISSING_FIELD, "pgp-state with keystate:1 needs name"),
                tuple(13, 53, Kind.BAD_KEY_LENGTH, "keylength must be 1024, 2048 or 4096, not '3072'"),
                tuple(14, 53, Kind.WEAK_KEY, "keylength 1024 is refused: weak keys are not allowed (use 2048 or"
                        + " 4096, or ask the admin to allow weak keys)"),
                tuple(15, 65, Kind.BAD_KEY_LENGTH, "keytype dsa allows at most 3072 bits: use keylength 2048, or"
                        + " keytype rsa for 4096"),
                tuple(16, 59, Kind.FIELD_NOT_ALLOWED, "keylength does not apply to keytype ed25519 (its size is"
                        + " fixed)"),
                tuple(17, 51, Kind.BAD_VALUE, "keytype must be rsa, dsa or ed25519, not 'elgamal'"),
                tuple(18, 52, Kind.BAD_VALIDITY, "validity must be 1y to 10y (years), not '11y'"),
                tuple(19, 55, Kind.DUPLICATE, "validity is given twice (first at column 43) (validitytime is another"
                        + " name for validity)"),
                tuple(20, 43, Kind.DUPLICATE, "name is given twice (first at column 36)"),
                tuple(21, 41, Kind.MISSING_FIELD, "name is empty"),
                tuple(22, 36, Kind.SYNTAX, "empty field between two ';'"),
                tuple(23, 36, Kind.SYNTAX, "'comment' is not sub-identifier:value"),
                tuple(25, 7, Kind.DUPLICATE, "T@example.com is already in group Sales (line 24)"),
                tuple(26, 7, Kind.BAD_ADDRESS, "'bad domain' is neither an e-mail address nor a domain"),
                tuple(27, null, Kind.MISSING_FIELD, "the group is missing: group:ADDRESS-or-DOMAIN;GROUP"),
                tuple(28, 23, Kind.SYNTAX, "a group line has two fields: group:ADDRESS-or-DOMAIN;GROUP"),
                tuple(29, 21, Kind.BAD_VALUE, "the group name contains ':'"),
                tuple(30, 14, Kind.OPTION_NOT_ALLOWED, "option 'ticket' is not allowed (allowed: action-id,"
                        + " addmailreport, addmailadmin, addmailbcc)"),
                tuple(31, 8, Kind.BAD_ADDRESS, "addmailbcc: 'nobody' is not an e-mail address"),
                tuple(32, 8, Kind.MISSING_FIELD, "option needs a value: option:VALUE;OPTION"),
                tuple(33, 12, Kind.MISSING_FIELD, "empty passphrase"),
                tuple(34, null, Kind.MISSING_FIELD, "a passphrase line ends with ;smimeimport"),
                tuple(35, null, Kind.SYNTAX, "a passphrase line is passphrase:VALUE;smimeimport (fields not shown:"
                        + " they may hold the passphrase, which cannot contain ';')"),
                tuple(37, null, Kind.DUPLICATE, "smime-state for V@example.com is already on line 36"),
                tuple(38, 36, Kind.CONTRADICTORY_STATES, "contradictory states for v@example.com: smime-state"
                        + " keystate:0 here, keystate:1 on line 36"),
                tuple(39, 53, Kind.BAD_KEY_LENGTH, "keylength must be 1024, 2048 or 4096, not 'abc'"));
        assertThat(result.problemCount()).isEqualTo(38);
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo("u.useimport"));
    }

    @Test
    void weakKeysPassWhenAllowed() {
        UseImportParser lenient = new UseImportParser(UseImportParser.Options.DEFAULTS.withAllowWeakKeys(true));

        UseImportResult result = lenient.parse("u", new StringReader(
                "pgp-state:j@example.com;keystate:1;name:J;keylength:1024;keytype:dsa\n#####\n"));

        assertThat(result.problems()).isEmpty();
        assertThat(((UseImportResult.Valid) result).lines()).singleElement()
                .isInstanceOfSatisfying(UseLine.PgpState.class, state -> {
                    assertThat(state.keyLength()).hasValue(1024);
                    assertThat(state.keyType()).contains(PgpKeyType.DSA);
                });
    }

    @Test
    void toleratesBomCrlfBlankLinesBlanksAfterColonAndSemicolonCaseAndATrailingSemicolon() {
        String clean = """
                smime-state:support@company.com;name:Support;teamcert:1;keystate:1
                pgp-state:john.doe@company.com;name:John Doe;keylength:2048;comment:Key;keytype:rsa;validity:3y;keystate:1
                passphrase:s3cret;smimeimport
                group:alice@company.com;use_test_02
                option:RCR 1;action-id
                #####
                """;
        String messy = "\uFEFF\r\n"
                + "  SMIME-STATE: support@company.com; Name: Support ;  teamcert: 1;KeyState:1;\r\n"
                + "\t\r\n"
                + "pgp-state:  john.doe@COMPANY.com; name:John Doe; keylength: 2048 ;comment: Key; keytype: RSA;"
                + " validitytime: 3Y; keystate:1\r\n"
                + "passphrase: s3cret ; SmimeImport\r\n"
                + "\r\n"
                + "Group: alice@company.com ; use_test_02\r\n"
                + "option: RCR 1; ACTION-ID\r\n"
                + " ##### \r\n\r\n";

        UseImportResult.Valid plain = valid(clean);
        UseImportResult.Valid tolerated = valid(messy);

        assertThat(tolerated.lines()).extracting(line -> line.render(SecretDisplay.REVEAL))
                .isEqualTo(plain.lines().stream().map(line -> line.render(SecretDisplay.REVEAL)).toList());
        assertThat(tolerated.lines()).extracting(UseLine::line).containsExactly(2, 4, 5, 7, 8);
        assertThat(tolerated.options()).isEqualTo(plain.options());
    }

    @Test
    void aFileWithoutTerminationLineIsIncompleteNotInvalid() {
        UseImportResult result = parse("group:alice@company.com;sales\ngroup:bob@company.com;sa");

        assertThat(result).isEqualTo(new UseImportResult.Incomplete("u.useimport", 2, List.of(), 0));
        assertThat(result.complete()).isFalse();
        assertThat(result.valid()).isFalse();
        assertThat(parse("")).isEqualTo(new UseImportResult.Incomplete("u.useimport", 0, List.of(), 0));
    }

    @Test
    void anIncompleteFileKeepsTheProblemsFoundSoFar() {
        UseImportResult result = parse("group:alice@company.com;sales\nsmime-state:bob@company.com;keysta");

        assertThat(result).isInstanceOf(UseImportResult.Incomplete.class);
        assertThat(problems(result)).containsExactly(tuple(2, 29, Kind.SYNTAX,
                "'keysta' is not sub-identifier:value"), tuple(2, null, Kind.MISSING_FIELD,
                "smime-state needs keystate:1 (have a key) or keystate:0 (have none)"));
    }

    @Test
    void contentAfterTheTerminationLineMakesTheFileInvalid() {
        UseImportResult result = parse("group:a@company.com;sales\n#####\ngroup:b@company.com;sales\n");

        assertThat(result).isInstanceOf(UseImportResult.Invalid.class);
        assertThat(result.problems()).extracting(ImportProblem::line, ImportProblem::kind)
                .containsExactly(tuple(3, Kind.AFTER_TERMINATION));
    }

    @Test
    void theLastOptionOfEachKindWins() {
        UseImportResult.Valid result = valid("""
                option:first;action-id
                option:a@company.com;addmailbcc
                option:second;action-id
                #####
                """);

        assertThat(result.options()).isEqualTo(new RunOptions(Optional.of("second"), Optional.empty(),
                Optional.empty(), Optional.of(address("a@company.com"))));
        assertThat(result.lines()).hasSize(3);
    }

    @Test
    void passphrasesAreTriedInFileOrderEachOnceAndGroupsHoldEachMemberOnce() {
        UseImportResult.Valid result = valid("""
                passphrase:second;smimeimport
                passphrase:first;smimeimport
                passphrase:second;smimeimport
                group:a@company.com;sales
                group:company.com;Sales
                group:b@company.com;legal
                #####
                """);

        assertThat(result.passphrases()).containsExactly(Secret.of("second"), Secret.of("first"));
        assertThat(result.groups().members("SALES")).contains(List.of(new Endpoint.Address(address("a@company.com")),
                new Endpoint.Domain("company.com")));
        assertThat(result.groups().groupsOf(address("b@company.com"))).containsExactly("legal", "sales");
    }

    @Test
    void neverShowsAPassphraseInProblemsOrText() {
        UseImportResult result = parse("""
                pasphrase:Secr3t1;smimeimport
                Secr3t2;smimeimport
                passphrase:Secr3t3;smimeimprot
                passphrase:Sec;r3t4;smimeimport
                Sec:r3t5;smimeimport
                passphrase:Secr3t6
                #####
                """);

        assertThat(result.problemCount()).isEqualTo(6);
        for (String secret : List.of("Secr3t", "r3t4", "Sec")) {
            assertThat(result.problems()).allSatisfy(p -> assertThat(p.message()).doesNotContain(secret));
            assertThat(result.toString()).doesNotContain(secret);
        }
        UseImportResult.Valid valid = valid("passphrase:Hunter2;smimeimport\n#####\n");
        assertThat(valid.toString()).doesNotContain("Hunter2");
        assertThat(valid.lines().get(0).toString()).doesNotContain("Hunter2");
        assertThat(valid.lines().get(0).render(SecretDisplay.MASK)).isEqualTo("passphrase:********;smimeimport");
        assertThat(valid.lines().get(0).render(SecretDisplay.REVEAL)).isEqualTo("passphrase:Hunter2;smimeimport");
    }

    @Test
    void aLineLongerThanTheLimitIsAProblemNotAnOutOfMemoryError() {
        UseImportResult result = parse("group:a@company.com;" + "x".repeat(200_000) + "\n#####\n");

        assertThat(problems(result)).containsExactly(tuple(1, null, Kind.LINE_TOO_LONG,
                "line longer than 4096 characters: not read"));
    }

    @Test
    void keepsTheFirstProblemsAndCountsTheRest() {
        UseImportParser few = new UseImportParser(new UseImportParser.Options(false, new ImportLimits(4096, 100_000,
                1000)));

        UseImportResult result = few.parse("u", new StringReader("nonsense\n".repeat(5000) + "#####\n"));

        assertThat(result.problems()).hasSize(1000);
        assertThat(result.problemCount()).isEqualTo(5000);
        assertThat(result.problems().get(999).line()).isEqualTo(1000);
    }

    @Test
    void aValidResultShowsItsSizeNotItsLines() {
        UseImportResult.Valid result = valid("group:alice@company.com;sales\n#####\n");

        assertThat(result.toString()).isEqualTo("Valid[file=u.useimport, lines=1, options=" + RunOptions.NONE + "]");
    }
}
