package io.mailseal.confluence.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.mail.Email;
import com.atlassian.mail.MailException;
import com.atlassian.mail.server.MailServerManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.SourceName;
import io.mailseal.outbound.Delivery;
import io.mailseal.outbound.OutboundFactory;
import io.mailseal.policy.PolicyEngine;
import io.mailseal.settings.Checked;
import io.mailseal.settings.SettingsJson;
import io.mailseal.testkit.confluence.AtlassianSmtpMailServer;
import io.mailseal.testkit.confluence.InMemoryMailServerManager;
import io.mailseal.testkit.identities.TestIdentities;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.MimeMessage;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole mail path on one node: an SMTP server object that sends like atlassian-mail's, with the real JavaMail
 * SMTPTransport, through Mailseal's handler, context and in-memory endpoint, encrypted by the real engine, out to a
 * real SMTP server (GreenMail on 127.0.0.1), where the result is decrypted with the recipient's key.
 */
class MailHookTest {

    private static final CryptoRuntime CRYPTO = CryptoRuntime.create();
    private static final String POLICY = """
            {"schemaVersion": 2, "encryption": {"typePriority": "SMIME_ONLY", "fallback": "DO_NOT_SEND"}}""";

    private GreenMail upstream;
    private AtlassianSmtpMailServer server;
    private final InMemoryMailServerManager manager = new InMemoryMailServerManager();
    private final MailCounters counters = new MailCounters();
    private final AtomicReference<String> policy = new AtomicReference<>(POLICY);
    private MailHook hook;
    private MailPipeline pipeline;

    /** Every address has a key here: Alice's certificate, so the test can decrypt whatever arrives. */
    private final PolicyEngine.KeyLookup keys = (address, type) -> new LookupResult(address, type,
            type == KeyType.SMIME ? Optional.of(new LookupResult.Found(SourceName.KEYSTORE,
                    new RecipientKey.Smime(TestIdentities.certificate("alice"), List.of()))) : Optional.empty(),
            List.of());

    @BeforeEach
    void start() throws Exception {
        upstream = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", "smtp"));
        upstream.start();
        server = new AtlassianSmtpMailServer("127.0.0.1", upstream.getSmtp().getPort(), "wiki@example.com");
        manager.create(server);
        pipeline = new MailPipeline(this::outbound, new JavaMailUpstream(), counters);
        hook = new MailHook(manager, () -> null, pipeline);
        hook.install();
    }

    @AfterEach
    void stop() {
        hook.uninstall();
        upstream.stop();
    }

    private Checked<io.mailseal.outbound.OutboundProcessor> outbound() {
        SettingsJson.Result read = SettingsJson.read(policy.get());
        if (!(read instanceof SettingsJson.Valid valid)) {
            return new Checked.Invalid<>(List.of(new Checked.Problem("(document)", read.toString())));
        }
        return OutboundFactory.fromSettings(valid.settings(), keys, CRYPTO, Clock.systemUTC(),
                "https://wiki.example.com/plugins/servlet/mailseal/keys");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Email notification(String to) {
        Email email = new Email(to);
        email.setFrom("wiki@example.com");
        email.setSubject("Secret page edited");
        email.setBody("<p>The secret plan \u2014 gr\u00fc\u00dfe</p>");
        email.setMimeType("text/html");
        email.addHeader("X-ATLASSIAN-NOTIFICATIONS-VERSION", "8.0.0");
        return email;
    }

    private static String decrypt(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        String raw = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("application/pkcs7-mime").doesNotContain("secret plan");
        String base64 = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        CMSEnvelopedData enveloped = new CMSEnvelopedData(java.util.Base64.getMimeDecoder().decode(base64.strip()));
        RecipientInformation recipient = enveloped.getRecipientInfos().getRecipients().iterator().next();
        return new String(recipient.getContent(new JceKeyTransEnvelopedRecipient(TestIdentities.privateKey("alice"))
                .setProvider(CRYPTO.bouncyCastle())), StandardCharsets.UTF_8);
    }

    @Test
    void aNotificationSentTheConfluenceWayArrivesEncryptedForItsRecipient() throws Exception {
        server.send(notification("alice@example.com"));

        MimeMessage[] received = upstream.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getHeader("X-ATLASSIAN-NOTIFICATIONS-VERSION")).containsExactly("8.0.0");
        assertThat(received[0].getSubject()).isEqualTo("[Confluence] Secret page edited");
        assertThat(decrypt(received[0])).contains("text/html").contains("quoted-printable");
        assertThat(counters.snapshot().of(Delivery.Action.ENCRYPTED_SMIME)).isEqualTo(1);
    }

    @Test
    void theHandlerIsInstalledAndUninstallLeavesNothingOfOursBehind() throws Exception {
        assertThat(manager.currentHandler()).isSameAs(hook);
        assertThat(server.getAuthenticationContext()).isInstanceOf(EncryptingAuthenticationContext.class);
        assertThat(hook.status().active()).isTrue();
        assertThat(hook.status().servers()).singleElement()
                .isEqualTo(new MailHook.ServerStatus("SMTP server", false, true));

        server.setHostname("127.0.0.1"); // atlassian-mail passes its stored properties through the context too
        assertThat(server.getProperties().values()).allMatch(String.class::isInstance);

        hook.uninstall();

        assertThat(manager.currentHandler()).isNull();
        assertThat(server.getAuthenticationContext()).isNotInstanceOf(EncryptingAuthenticationContext.class);
        assertThat(server.getProperties().values()).allMatch(String.class::isInstance);
        server.send(notification("alice@example.com"));
        assertThat(new String(upstream.getReceivedMessages()[0].getInputStream().readAllBytes(),
                StandardCharsets.UTF_8)).contains("secret plan");
        hook.install(); // for @AfterEach
    }

    @Test
    void wrappingIsIdempotentAcrossTheManagersManyFetches() {
        Object first = manager.getDefaultSMTPMailServer();
        manager.getSmtpMailServers();
        manager.getDefaultSMTPMailServer();

        EncryptingAuthenticationContext context = (EncryptingAuthenticationContext) server.getAuthenticationContext();
        assertThat(context.original()).isNotInstanceOf(EncryptingAuthenticationContext.class);
        assertThat(first).isSameAs(server);
    }

    @Test
    void aConnectionThatDidNotGoThroughTheEndpointIsRefused() throws Exception {
        Properties direct = new Properties();
        direct.put("mail.smtp.host", "127.0.0.1");
        direct.put("mail.smtp.port", String.valueOf(upstream.getSmtp().getPort()));
        Transport transport = Session.getInstance(direct).getTransport("smtp");

        assertThatThrownBy(() -> server.getAuthenticationContext().connectService(transport))
                .isInstanceOf(MessagingException.class).hasMessageContaining("refuses");

        assertThat(transport.isConnected()).isFalse();
        assertThat(counters.snapshot().refused()).isEqualTo(1);
        assertThat(upstream.getReceivedMessages()).isEmpty();
    }

    @Test
    void withTheUpstreamServerDownConfluenceGetsA451AndTheMailArrivesWhenItRetries() throws Exception {
        int port = freePort();
        server.setPort(String.valueOf(port));

        assertThatThrownBy(() -> server.send(notification("alice@example.com"))).isInstanceOf(MailException.class)
                .hasMessageContaining("451");
        assertThat(counters.snapshot().retried()).isEqualTo(1);

        GreenMail later = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        later.start();
        try {
            server.send(notification("alice@example.com"));
            assertThat(later.getReceivedMessages()).hasSize(1);
        } finally {
            later.stop();
        }
    }

    @Test
    void invalidSettingsHoldTheMailBackInsteadOfSendingItInClear() {
        policy.set("{\"schemaVersion\": 2, \"encryption\": {\"fallback\": \"SOMETIMES\"}}");

        assertThatThrownBy(() -> server.send(notification("alice@example.com"))).hasMessageContaining("451");
        assertThat(upstream.getReceivedMessages()).isEmpty();
    }

    @Test
    void withoutAKeyThePolicyWithholdsTheMailAndConfluenceIsToldItWasHandled() throws Exception {
        AtlassianSmtpMailServer other = new AtlassianSmtpMailServer("127.0.0.1", upstream.getSmtp().getPort(),
                "wiki@example.com");
        MailServerManager managerWithoutKeys = new InMemoryMailServerManager();
        managerWithoutKeys.create(other);
        MailCounters withoutKeys = new MailCounters();
        MailHook noKeys = new MailHook(managerWithoutKeys, () -> null, new MailPipeline(() -> OutboundFactory
                .fromSettings(((SettingsJson.Valid) SettingsJson.read(POLICY)).settings(),
                        (address, type) -> new LookupResult(address, type, Optional.empty(), List.of()), CRYPTO,
                        Clock.systemUTC(), ""), new JavaMailUpstream(), withoutKeys));
        noKeys.install();
        try {
            other.send(notification("bob@example.com"));
        } finally {
            noKeys.uninstall();
        }

        assertThat(upstream.getReceivedMessages()).isEmpty();
        assertThat(withoutKeys.snapshot().of(Delivery.Action.WITHHELD)).isEqualTo(1);
    }

    @Test
    void fiveHundredRecipientsShareOneEncryptedMessage() throws Exception {
        StringBuilder to = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            to.append(i == 0 ? "" : ",").append("user").append(i).append("@example.com");
        }

        server.send(notification(to.toString()));

        assertThat(upstream.getReceivedMessages()).hasSize(500);
        assertThat(counters.snapshot().of(Delivery.Action.ENCRYPTED_SMIME)).isEqualTo(1);
        assertThat(decrypt(upstream.getReceivedMessages()[499])).contains("text/html");
    }

    @Test
    void manyThreadsSendingAtOnceLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                sends.add(pool.submit(() -> {
                    server.send(notification("user" + n + "@example.com"));
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(upstream.getReceivedMessages()).hasSize(80);
        assertThat(counters.snapshot().of(Delivery.Action.ENCRYPTED_SMIME)).isEqualTo(80);
    }

    @Test
    void theAdminsTestMailTakesTheRealPathAndArrivesEncrypted() throws Exception {
        TestMailSender.Result result = new TestMailSender(manager, pipeline, Clock.systemUTC()).send(
                io.mailseal.keys.EmailAddress.parse("alice@example.com"), "Mailseal test", "<p>Test</p>");

        assertThat(result).isInstanceOfSatisfying(TestMailSender.Result.Sent.class, sent -> {
            assertThat(sent.server()).isEqualTo("SMTP server");
            assertThat(sent.deliveries()).singleElement().satisfies(delivery -> {
                assertThat(delivery.action()).isEqualTo(Delivery.Action.ENCRYPTED_SMIME);
                assertThat(delivery.keyIds()).isNotEmpty();
                assertThat(delivery.problem()).isEmpty();
            });
        });
        assertThat(upstream.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(m.getContentType()).contains("application/pkcs7-mime"));
    }
}
