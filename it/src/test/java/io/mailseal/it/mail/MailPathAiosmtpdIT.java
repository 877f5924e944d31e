package io.mailseal.it.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.mail.Email;
import com.atlassian.mail.MailException;
import io.mailseal.confluence.mail.JavaMailUpstream;
import io.mailseal.confluence.mail.MailCounters;
import io.mailseal.confluence.mail.MailHook;
import io.mailseal.confluence.mail.MailPipeline;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.SourceName;
import io.mailseal.outbound.Delivery;
import io.mailseal.outbound.OutboundFactory;
import io.mailseal.settings.SettingsJson;
import io.mailseal.testkit.confluence.AtlassianSmtpMailServer;
import io.mailseal.testkit.confluence.InMemoryMailServerManager;
import io.mailseal.testkit.identities.TestIdentities;
import io.mailseal.testkit.smtp.AiosmtpdServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mail path against Debian's aiosmtpd as the real upstream server: a recipient it refuses for good does not stop
 * the others (and is recorded), a temporary refusal makes Confluence keep the mail, and what arrives is decrypted by
 * OpenSSL with the recipient's key.
 */
class MailPathAiosmtpdIT {

    @TempDir
    Path dir;

    private AiosmtpdServer upstream;
    private AtlassianSmtpMailServer server;
    private MailHook hook;
    private final MailCounters counters = new MailCounters();

    @BeforeEach
    void start() throws Exception {
        upstream = AiosmtpdServer.start(dir);
        server = new AtlassianSmtpMailServer("127.0.0.1", upstream.port(), "wiki@example.com");
        InMemoryMailServerManager manager = new InMemoryMailServerManager();
        manager.create(server);
        CryptoRuntime crypto = CryptoRuntime.create();
        SettingsJson.Valid settings = (SettingsJson.Valid) SettingsJson.read(
                "{\"schemaVersion\": 2, \"encryption\": {\"typePriority\": \"SMIME_ONLY\"}}");
        hook = new MailHook(manager, () -> null, new MailPipeline(() -> OutboundFactory.fromSettings(
                settings.settings(), (address, type) -> new LookupResult(address, type, type == KeyType.SMIME
                        ? Optional.of(new LookupResult.Found(SourceName.KEYSTORE, new RecipientKey.Smime(
                        TestIdentities.certificate("alice"), List.of()))) : Optional.empty(), List.of()),
                crypto, Clock.systemUTC(), ""), new JavaMailUpstream(), counters));
        hook.install();
    }

    @AfterEach
    void stop() {
        hook.uninstall();
        upstream.close();
    }

    private static Email notification(String to) {
        Email email = new Email(to);
        email.setFrom("wiki@example.com");
        email.setSubject("Roadmap edited");
        email.setBody("<p>Gr\u00fc\u00dfe, the roadmap</p>");
        email.setMimeType("text/html");
        return email;
    }

    @Test
    void aRecipientTheServerRefusesIsRecordedAndTheOthersGetTheEncryptedMail() throws Exception {
        server.send(notification("alice@example.com, reject-me@example.com"));

        List<byte[]> messages = upstream.messages();
        assertThat(messages).hasSize(1);
        String message = new String(messages.get(0), StandardCharsets.ISO_8859_1);
        assertThat(message).startsWith("X-Envelope-To: alice@example.com\r\n").contains("application/pkcs7-mime")
                .doesNotContain("roadmap</p>");
        assertThat(counters.snapshot().failed()).isEqualTo(1);
        assertThat(counters.snapshot().of(Delivery.Action.ENCRYPTED_SMIME)).isZero();

        Path eml = Files.write(dir.resolve("alice.eml"), message.substring(message.indexOf("\r\n") + 2)
                .getBytes(StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("alice.out");
        Process openssl = new ProcessBuilder("openssl", "cms", "-decrypt", "-in", eml.toString(), "-recip",
                TestIdentities.copyTo(dir, "alice.crt").toString(), "-inkey",
                TestIdentities.copyTo(dir, "alice.key").toString(), "-out", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
        assertThat(Files.readString(out)).contains("Content-Type: text/html");
    }

    @Test
    void whenTheServerRefusesEveryRecipientConfluenceIsToldSo() {
        assertThatThrownBy(() -> server.send(notification("reject-a@example.com"))).isInstanceOf(MailException.class)
                .hasMessageContaining("554");
        assertThat(upstream.messages()).isEmpty();
    }

    @Test
    void aTemporaryRefusalKeepsTheMailWithConfluenceForARetry() {
        assertThatThrownBy(() -> server.send(notification("later@example.com, alice@example.com")))
                .isInstanceOf(MailException.class).hasMessageContaining("451");
        assertThat(counters.snapshot().retried()).isEqualTo(1);
    }
}
