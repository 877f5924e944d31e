package io.mailseal.cli;

import static io.mailseal.testkit.identities.TestIdentities.property;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EncryptCommandTest {

    @TempDir
    Path dir;

    private Path settings;
    private Path message;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void files() throws Exception {
        Path smime = TestIdentities.copyTo(dir, "smime-keystore.p7b");
        Path pgp = TestIdentities.copyTo(dir, "pgp-pubring.kbx");
        settings = Files.writeString(dir.resolve("settings.json"), """
                {"smime": {"keyStore": {"path": "%s"}}, "pgp": {"keyStore": {"path": "%s"}},
                 "encryption": {"fallback": "PROBLEM_REPORT"}}
                """.formatted(smime, pgp));
        message = Files.writeString(dir.resolve("message.eml"), "From: wiki@example.com\r\n"
                + "To: bob@example.com, carol@example.com\r\nBcc: dave@example.com\r\nSubject: Page edited\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nThe secret plan\r\n",
                StandardCharsets.UTF_8);
    }

    @Test
    void writesOneMessagePerDeliveryAndReportsThemAsJson() throws Exception {
        Path outDir = dir.resolve("out");

        int exit = run("encrypt", "--settings", settings.toString(), "--in", message.toString(), "--out",
                outDir.toString(), "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode deliveries = new ObjectMapper().readTree(out.toString()).get("deliveries");
        assertThat(deliveries).extracting(d -> d.get("action").asText())
                .containsExactly("ENCRYPTED_PGP", "ENCRYPTED_SMIME", "PROBLEM_REPORT");
        assertThat(deliveries.get(0).get("recipients").get(0).asText()).isEqualTo("bob@example.com");
        assertThat(deliveries.get(1).get("keys").get(0).asText()).isEqualTo(property("carol.smime.serial"));
        assertThat(deliveries.get(2).get("recipients").get(0).asText()).isEqualTo("dave@example.com");
        assertThat(deliveries.get(2).get("reason").asText()).contains("expired " + property("dave-expired.smime.serial"));
        for (JsonNode delivery : deliveries) {
            String eml = Files.readString(Path.of(delivery.get("file").asText()), StandardCharsets.ISO_8859_1);
            assertThat(eml).doesNotContain("secret plan").doesNotContain("Bcc:");
        }
    }

    @Test
    void theEnvelopeCanBeGivenAndUsageErrorsExitTwo() throws Exception {
        int exit = run("encrypt", "--settings", settings.toString(), "--in", message.toString(), "--to",
                "carol@example.com", "--out", dir.resolve("out").toString());
        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("ENCRYPTED_SMIME  carol@example.com -> ");

        Path broken = Files.writeString(dir.resolve("broken.eml"), "this is not a message\r\n\r\nbody");
        assertThat(run("encrypt", "--settings", settings.toString(), "--in", broken.toString(), "--out",
                dir.resolve("out2").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("header line 1 is not a header field");
        assertThat(run("encrypt", "--settings", settings.toString(), "--in", message.toString(), "--to", "nobody",
                "--out", dir.resolve("out3").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not an e-mail address: nobody");
    }

    private int run(String... args) {
        CommandLine commandLine = Mailseal.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
