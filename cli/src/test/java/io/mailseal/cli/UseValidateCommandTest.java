package io.mailseal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UseValidateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private int run(String... args) {
        CommandLine commandLine = Mailseal.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void exitsZeroWhenEveryFileIsValid() throws Exception {
        Path use = file("a.useimport", "group:alice@company.com;legal\npassphrase:S3cret;smimeimport\n#####\n");
        Path rules = file("a.ruleimport", "*;group:legal;fe;pdf:Pw0rd\n#####\n");

        int exit = run("use", "validate", use.toString(), rules.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo(use + ": valid (2 lines)\n" + rules + ": valid (1 rule)\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void printsEveryProblemAsFileLineReasonAndExitsOne() throws Exception {
        Path use = file("b.useimport", """
                group:alice@company.com;legal
                smime-state:bob@company.com;keystate:1;name:Bob
                pgp-state:carol@company.com;keystate:1;name:Carol;keylength:1024
                #####
                """);

        int exit = run("use", "validate", use.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEqualTo(
                use + ":2: smime-state with keystate:1 needs teamcert:0 (personal) or teamcert:1 (team)\n"
                + use + ":3: keylength 1024 is refused: weak keys are not allowed (use 2048 or 4096, or ask the admin"
                + " to allow weak keys)\n"
                + use + ": not valid: 2 problems\n");
    }

    @Test
    void weakKeysPassWhenAllowed() throws Exception {
        Path use = file("c.useimport", "pgp-state:carol@company.com;keystate:1;name:Carol;keylength:1024\n#####\n");

        assertThat(run("use", "validate", "--allow-weak-keys", use.toString())).isZero();
    }

    @Test
    void anIncompleteFileIsNotValidAndSaysSo() throws Exception {
        Path use = file("d.useimport", "group:alice@company.com;legal\n");

        int exit = run("use", "validate", use.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEqualTo(use + ": incomplete, so not valid: the termination line ##### is missing"
                + " after 1 line (the file may still be uploading)\n");
    }

    @Test
    void anIncompleteRuleFileIsNotValidAndSaysSo() throws Exception {
        Path rules = file("d.ruleimport", "*;*;se\n*;other.org;fe\n");

        int exit = run("use", "validate", rules.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).endsWith(rules + ": incomplete, so not valid: the termination line ##### is"
                + " missing after 2 lines (the file may still be uploading)\n");
    }

    @Test
    void printsOneJsonObjectWithEveryFile() throws Exception {
        Path good = file("good.useimport", "group:alice@company.com;legal\n#####\n");
        Path bad = file("bad.useimport", "group:alice@company;legal\nfoo:bar\n#####\n");
        Path cut = file("cut.useimport", "group:alice@company.com;legal\n");

        int exit = run("use", "validate", "--json", good.toString(), bad.toString(), cut.toString());

        assertThat(exit).isEqualTo(1);
        JsonNode files = new ObjectMapper().readTree(out.toString()).get("files");
        assertThat(files).hasSize(3);
        assertThat(files.get(0).get("file").asText()).isEqualTo(good.toString());
        assertThat(files.get(0).get("complete").asBoolean()).isTrue();
        assertThat(files.get(0).get("valid").asBoolean()).isTrue();
        assertThat(files.get(0).get("problems")).isEmpty();
        JsonNode problems = files.get(1).get("problems");
        assertThat(files.get(1).get("complete").asBoolean()).isTrue();
        assertThat(files.get(1).get("valid").asBoolean()).isFalse();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).get("line").asInt()).isEqualTo(1);
        assertThat(problems.get(0).get("column").asInt()).isEqualTo(7);
        assertThat(problems.get(0).get("kind").asText()).isEqualTo("BAD_ADDRESS");
        assertThat(problems.get(0).get("message").asText())
                .isEqualTo("'alice@company' is neither an e-mail address nor a domain");
        assertThat(problems.get(1).get("line").asInt()).isEqualTo(2);
        assertThat(files.get(2).get("complete").asBoolean()).isFalse();
        assertThat(files.get(2).get("valid").asBoolean()).isFalse();
        assertThat(new ObjectMapper().readTree(out.toString()).toString()).doesNotContain("\"column\":0");
    }

    @Test
    void aProblemWithoutColumnHasANullColumnInJson() throws Exception {
        Path use = file("e.useimport", "smime-state:bob@company.com;name:Bob\n#####\n");

        run("use", "validate", "--json", use.toString());

        JsonNode problem = new ObjectMapper().readTree(out.toString()).get("files").get(0).get("problems").get(0);
        assertThat(problem.get("column").isNull()).isTrue();
        assertThat(problem.get("message").asText()).isEqualTo("smime-state needs keystate:1 (have a key) or keystate:0"
                + " (have none)");
    }

    @Test
    void checksTheRuleFilesGroupsAgainstTheUseImportGivenWithIt() throws Exception {
        Path use = file("f.useimport", "group:alice@company.com;legal\n#####\n");
        Path rules = file("f.ruleimport", "*;group:legal;fe\n*;group:sales;se\n#####\n");

        int exit = run("use", "validate", use.toString(), rules.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains(rules + ":2: to: unknown group 'sales'\n");
    }

    @Test
    void checksGroupsFromTheGroupsOption() throws Exception {
        Path groups = file("groups.useimport", "group:alice@company.com;sales\n#####\n");
        Path rules = file("g.ruleimport", "*;group:sales;se\n*;group:legal;fe\n#####\n");

        int exit = run("use", "validate", "--groups", groups.toString(), rules.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains(rules + ":2: to: unknown group 'legal'\n")
                .doesNotContain("group:sales");
    }

    @Test
    void saysWhenGroupNamesWereNotChecked() throws Exception {
        Path rules = file("h.ruleimport", "*;group:anything;se\n#####\n");

        int exit = run("use", "validate", rules.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo(rules + ": note: group names not checked: give --groups FILE or the"
                + " .useimport with the groups\n" + rules + ": valid (1 rule)\n");
    }

    @Test
    void listsTheFirstThousandProblemsAndCountsTheRest() throws Exception {
        Path use = file("i.useimport", "nonsense\n".repeat(1200) + "#####\n");

        int exit = run("use", "validate", use.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString().lines()).hasSize(1002);
        assertThat(out.toString()).contains(use + ": ... and 200 more problems (only the first 1000 are listed)\n"
                + use + ": not valid: 1200 problems\n");
    }

    @Test
    void neverPrintsAPassphraseOrPassword() throws Exception {
        Path use = file("j.useimport", "passphrase:Secr3t;smimeimprt\nSecr3t;smimeimport\n#####\n");
        Path rules = file("j.ruleimport", "*;*;pdf:Pa55;w0rd\n#####\n");

        run("use", "validate", use.toString(), rules.toString());
        run("use", "validate", "--json", use.toString(), rules.toString());

        assertThat(out.toString()).contains("passphrase:VALUE;smimeimport").doesNotContain("Secr3t")
                .doesNotContain("Pa55").doesNotContain("w0rd");
    }

    @Test
    void exitsTwoWhenAFileCannotBeReadOrNoneIsGiven() throws Exception {
        Path good = file("k.useimport", "#####\n");

        assertThat(run("use", "validate", good.toString(), dir.resolve("missing.useimport").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot read " + dir.resolve("missing.useimport"));
        assertThat(out.toString()).contains(good + ": valid (0 lines)");
        assertThat(run("use", "validate")).isEqualTo(2);
        assertThat(run("use")).isEqualTo(2);
        assertThat(run("use", "validate", "--groups", dir.resolve("nope").toString(), good.toString())).isEqualTo(2);
    }
}
