package io.mailseal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RulesTestCommandTest {

    @TempDir
    Path dir;

    private Path rules;
    private Path groups;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void specRulesAndGroups() throws Exception {
        rules = Files.writeString(dir.resolve("live.ruleimport"), """
                support@company.com;*;untouched
                support@company.com;group:lawyers;fs: support@company.com;fe;swm
                *;tax-consultants.com;swm
                group:developers;software-company-external.org;swm:PA$$WORT
                *;*;se;ss;comment:USE Mastercatcher
                #####
                """);
        groups = Files.writeString(dir.resolve("groups.useimport"), """
                group:lawfirm.example;lawyers
                group:dan@company.com;developers
                #####
                """);
    }

    private int run(String... args) {
        CommandLine commandLine = Mailseal.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void printsTheFirstMatchingRuleAndWhatItDoes() {
        int exit = run("rules", "test", "--rules", rules.toString(), "--from", "dan@company.com",
                "--to", "eve@software-company-external.org", "--groups", groups.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("""
                rule 4: from group:developers, to software-company-external.org
                  rule:  group:developers;software-company-external.org;swm:********
                  dan@company.com is in group developers (its groups: developers)
                  what it does:
                    swm: secure webmailer: the recipient gets a notice without content and a link to the content in \
                Confluence (on its own, or as the fallback where encryption is not possible) (the rule sets a password)
                """);
        assertThat(out.toString() + err).doesNotContain("PA$$WORT");
    }

    @Test
    void matchesAGroupByTheRecipientsDomain() {
        int exit = run("rules", "test", "--rules", rules.toString(), "--from", "SUPPORT@company.com",
                "--to", "lisa@lawfirm.example", "--groups", groups.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("rule 1: from support@company.com, to *\n");
    }

    @Test
    void theCatchAllRuleAppliesToEveryoneElse() {
        int exit = run("rules", "test", "--rules", rules.toString(), "--from", "alice@company.com",
                "--to", "bob@elsewhere.org", "--groups", groups.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("rule 5: from *, to *\n  rule:  *;*;se;ss;comment:USE Mastercatcher\n")
                .contains("    comment: \"USE Mastercatcher\" (no effect on the mail)\n");
    }

    @Test
    void exitsOneWhenNoRuleMatches() throws Exception {
        Path narrow = Files.writeString(dir.resolve("narrow.ruleimport"),
                "support@company.com;*;untouched\n#####\n");

        int exit = run("rules", "test", "--rules", narrow.toString(), "--from", "alice@company.com",
                "--to", "bob@elsewhere.org");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("no rule matches: the global policy applies\n");
    }

    @Test
    void withoutGroupsGroupRulesMatchNoOneAndItSaysSo() {
        int exit = run("rules", "test", "--rules", rules.toString(), "--from", "dan@company.com",
                "--to", "eve@software-company-external.org");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("rule 5: from *, to *\n");
        assertThat(err.toString()).isEqualTo("note: no --groups given, so rules with group:NAME match no one\n");
    }

    @Test
    void exitsTwoWithTheProblemsOfAnInvalidRuleFile() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.ruleimport"),
                "*;*;untouched;se\n*;group:nobody;fe\n#####\n");

        int exit = run("rules", "test", "--rules", broken.toString(), "--from", "a@company.com", "--to",
                "b@company.com", "--groups", groups.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo(
                broken + ":1: untouched sends the mail as it is, so it cannot go with se\n"
                + broken + ":2: to: unknown group 'nobody'\n"
                + broken + ": not valid; no rule was tested\n");
    }

    @Test
    void exitsTwoOnUsageErrors() {
        assertThat(run("rules", "test", "--rules", rules.toString(), "--from", "nobody", "--to", "b@company.com"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("not an e-mail address: nobody");
        assertThat(run("rules", "test", "--rules", rules.toString(), "--from", "a@company.com")).isEqualTo(2);
        assertThat(run("rules", "test", "--rules", dir.resolve("missing").toString(), "--from", "a@company.com",
                "--to", "b@company.com")).isEqualTo(2);
        assertThat(run("rules")).isEqualTo(2);
    }
}
