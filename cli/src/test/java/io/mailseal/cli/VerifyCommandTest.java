package io.mailseal.cli;

import static io.mailseal.testkit.identities.TestIdentities.property;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyCommandTest {

    @TempDir
    Path dir;

    private Path settings;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void settingsWithBothKeyStores() throws Exception {
        Path smime = TestIdentities.copyTo(dir, "smime-keystore.p7b");
        Path pgp = TestIdentities.copyTo(dir, "pgp-pubring.kbx");
        settings = Files.writeString(dir.resolve("settings.json"), """
                {"smime": {"keyStore": {"path": "%s"}}, "pgp": {"keyStore": {"path": "%s"}}}
                """.formatted(smime, pgp));
    }

    @Test
    void findsBothKeysOfCarolAndExitsZero() {
        int exit = run("verify", "--settings", settings.toString(), "carol@example.com");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("SMIME: would use certificate " + property("carol.smime.serial"))
                .contains("PGP:   would use key " + property("carol.pgp.fingerprint"))
                .contains("from KEYSTORE");
    }

    @Test
    void printsTheVerificationAsJson() throws Exception {
        int exit = run("verify", "--settings", settings.toString(), "--json", "alice@example.com");

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("address").asText()).isEqualTo("alice@example.com");
        assertThat(json.get("selected")).hasSize(1);
        JsonNode selected = json.get("selected").get(0);
        assertThat(selected.get("type").asText()).isEqualTo("SMIME");
        assertThat(selected.get("source").asText()).isEqualTo("KEYSTORE");
        assertThat(selected.get("id").asText()).isEqualTo(property("alice.smime.serial"));
        assertThat(selected.get("notAfter").asText()).isEqualTo("2035-01-01T00:00:00Z");
        assertThat(json.get("candidates")).hasSize(2);
        assertThat(json.get("sources")).extracting(source -> source.get("status").asText())
                .containsExactly("OK", "NOT_FOUND");
    }

    @Test
    void exitsOneWithTheRejectionsWhenNoKeyIsUsable() throws Exception {
        int exit = run("verify", "--settings", settings.toString(), "--json", "dave@example.com");

        assertThat(exit).isEqualTo(1);
        JsonNode rejected = new ObjectMapper().readTree(out.toString()).get("rejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get("reason").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void exitsTwoNamingTheBrokenField() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"pgp\": {\"keyServer\": {\"url\": \"ftp://x\"}}}");

        int exit = run("verify", "--settings", broken.toString(), "bob@example.com");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(
                broken + ": pgp.keyServer.url: scheme must be one of hkp, hkps, http, https, ldap, ldaps");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void exitsTwoOnUsageErrors() {
        assertThat(run("verify", "--settings", settings.toString(), "not-an-address")).isEqualTo(2);
        assertThat(err.toString()).contains("not an e-mail address: not-an-address");
        assertThat(run("verify", "bob@example.com")).isEqualTo(2);
        assertThat(run("verify", "--settings", dir.resolve("missing.json").toString(), "bob@example.com"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot read settings file");
    }

    private int run(String... args) {
        CommandLine commandLine = Mailseal.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
