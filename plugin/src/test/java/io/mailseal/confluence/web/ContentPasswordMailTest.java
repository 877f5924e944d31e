package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.mail.Email;
import com.icegreen.greenmail.util.GreenMail;
import io.mailseal.rules.RuleImportParser;
import io.mailseal.rules.RuleImportResult;
import io.mailseal.rules.RuleSet;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import net.lingala.zip4j.ZipFile;
import net.lingala.zip4j.exception.ZipException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live rules as the plugin wires them: a rule in the AO rule store and the recipient's content password set on
 * the profile page turn a Confluence notification into a ZIP that only that password opens.
 */
class ContentPasswordMailTest {

    private static final String PASSWORD = "alice's zip pass 7";
    private static final String SECRET = "The secret plan";

    @TempDir
    Path home;
    @TempDir
    Path dir;
    private WebFixture web;
    private GreenMail upstream;

    @BeforeEach
    void setUp() throws Exception {
        web = new WebFixture(home);
        upstream = web.startUpstream();
        web.hook.install();
    }

    @AfterEach
    void tearDown() {
        web.hook.uninstall();
        upstream.stop();
        web.close();
    }

    private static RuleSet rules(String line) {
        RuleImportResult parsed = RuleImportParser.create().parse("test.ruleimport",
                new StringReader(line + "\n#####\n"));
        assertThat(parsed).isInstanceOf(RuleImportResult.Valid.class);
        return ((RuleImportResult.Valid) parsed).ruleSet();
    }

    private void sendToAlice() throws Exception {
        Email email = new Email("alice@example.com");
        email.setFrom("wiki@example.com");
        email.setSubject("Secret page edited");
        email.setBody("<p>" + SECRET + "</p>");
        email.setMimeType("text/html");
        web.mailServers.getDefaultSMTPMailServer().send(email);
    }

    private static byte[] attachment(MimeMessage message, String name) throws Exception {
        MimeMultipart mixed = (MimeMultipart) message.getContent();
        for (int i = 0; i < mixed.getCount(); i++) {
            if (name.equals(mixed.getBodyPart(i).getFileName())) {
                return ((MimeBodyPart) mixed.getBodyPart(i)).getInputStream().readAllBytes();
            }
        }
        throw new AssertionError("no attachment " + name);
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aZipRuleSendsTheMailAsAZipThatOnlyTheRecipientsOwnPasswordOpens() throws Exception {
        web.rules.replace(rules("*;*;zip"));
        FakeHttp.Response set = web.run(web.keysServlet(), web.post("alice", Screen.KEYS)
                .param("operation", "setPassword").param("password", PASSWORD).param("confirm", PASSWORD));
        assertThat(set.status).isEqualTo(302);

        sendToAlice();

        MimeMessage received = upstream.getReceivedMessages()[0];
        assertThat(upstream.getReceivedMessages()).hasSize(1);
        assertThat(raw(received)).doesNotContain(SECRET);
        Path zip = Files.write(dir.resolve("m.zip"), attachment(received, "message.zip"));
        try (ZipFile file = new ZipFile(zip.toFile())) {
            assertThatThrownBy(() -> file.extractAll(dir.resolve("none").toString()))
                    .isInstanceOf(ZipException.class);
        }
        try (ZipFile file = new ZipFile(zip.toFile(), "another password".toCharArray())) {
            assertThatThrownBy(() -> file.extractAll(dir.resolve("wrong").toString()))
                    .isInstanceOf(ZipException.class);
        }
        try (ZipFile file = new ZipFile(zip.toFile(), PASSWORD.toCharArray())) {
            file.extractAll(dir.resolve("out").toString());
        }
        assertThat(Files.readString(dir.resolve("out/message.eml"), StandardCharsets.UTF_8))
                .contains("Secret page edited", SECRET);
    }

    @Test
    void aChangedRuleSetAppliesToTheNextMailWithoutARestart() throws Exception {
        web.rules.replace(rules("*;*;zip"));
        web.run(web.keysServlet(), web.post("alice", Screen.KEYS)
                .param("operation", "setPassword").param("password", PASSWORD).param("confirm", PASSWORD));
        sendToAlice();

        web.rules.replace(RuleSet.EMPTY);
        sendToAlice();

        MimeMessage[] received = upstream.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(raw(received[0])).contains("message.zip").doesNotContain(SECRET);
        assertThat(raw(received[1])).doesNotContain("message.zip");
    }
}
