package io.mailseal.confluence.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.SourceName;
import io.mailseal.outbound.Delivery;
import io.mailseal.outbound.OutboundFactory;
import io.mailseal.settings.Secret;
import io.mailseal.settings.Settings;
import io.mailseal.store.SettingsStore;
import io.mailseal.testkit.identities.TestIdentities;
import io.mailseal.testkit.store.InMemorySettingsStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Relay mode: Confluence's SMTP setting points at 127.0.0.1, Mailseal encrypts and sends to the upstream server. */
class RelayModeTest {

    private GreenMail upstream;
    private final InMemorySettingsStore store = new InMemorySettingsStore();
    private final MailCounters counters = new MailCounters();
    private RelayMode relayMode;

    @BeforeEach
    void start() throws Exception {
        upstream = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", "smtp"));
        upstream.start();
        CryptoRuntime crypto = CryptoRuntime.create();
        MailPipeline pipeline = new MailPipeline(() -> OutboundFactory.fromSettings(Settings.defaults(),
                (address, type) -> new LookupResult(address, type, type == KeyType.SMIME ? Optional.of(
                        new LookupResult.Found(SourceName.KEYSTORE, new RecipientKey.Smime(
                                TestIdentities.certificate("alice"), List.of()))) : Optional.empty(), List.of()),
                crypto, Clock.systemUTC(), ""), new JavaMailUpstream(), counters);
        relayMode = new RelayMode(store, pipeline, new SecureRandom(), Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        relayMode.stop();
        upstream.stop();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Settings.Relay relay(boolean enabled, int port) {
        return new Settings.Relay(enabled, port, "127.0.0.1", upstream.getSmtp().getPort(), "NONE", null,
                Secret.empty(), Secret.empty());
    }

    private static void send(int port, String user, String password) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.auth", "true");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("wiki@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.com"));
        message.setSubject("Page edited");
        message.setText("the secret plan");
        Transport.send(message, user, password);
    }

    @Test
    void anEnabledRelayGetsAGeneratedSecretAndEncryptsWhatConfluenceSendsIt() throws Exception {
        int port = freePort();
        store.save(Settings.defaults().withRelay(relay(true, port)));

        assertThat(relayMode.reconcile()).isEqualTo(port);

        Secret secret = ((SettingsStore.Found) store.load()).settings().relay().secret();
        assertThat(secret.reveal()).hasSizeGreaterThanOrEqualTo(40);
        send(port, RelayMode.USER, secret.reveal());
        assertThat(upstream.getReceivedMessages()).hasSize(1);
        assertThat(upstream.getReceivedMessages()[0].getContentType()).contains("application/pkcs7-mime");
        assertThat(counters.snapshot().of(Delivery.Action.ENCRYPTED_SMIME)).isEqualTo(1);
        assertThatThrownBy(() -> send(port, RelayMode.USER, "not-the-secret-at-all"))
                .isInstanceOf(javax.mail.AuthenticationFailedException.class);
    }

    @Test
    void aReconcileWithUnchangedSettingsKeepsTheRelayAndDisablingStopsIt() throws Exception {
        int port = freePort();
        store.save(Settings.defaults().withRelay(relay(true, port)));
        relayMode.reconcile();
        Settings stored = ((SettingsStore.Found) store.load()).settings();

        assertThat(relayMode.reconcile()).isEqualTo(port);
        assertThat(((SettingsStore.Found) store.load()).settings()).isEqualTo(stored);

        store.save(stored.withRelay(new Settings.Relay(false, port, "127.0.0.1", 25, "NONE", null, Secret.empty(),
                stored.relay().secret())));
        assertThat(relayMode.reconcile()).isEqualTo(-1);
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void withRelayModeOffNothingListens() {
        assertThat(relayMode.reconcile()).isEqualTo(-1);
    }
}
