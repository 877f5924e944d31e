package io.mailseal.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.mail.AuthenticationFailedException;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay mode over real TCP on 127.0.0.1, with JavaMail's SMTPTransport as the client. */
class LoopbackSmtpRelayTest {

    private static final String SECRET = "k3P9-relay-secret-for-tests";
    private final List<Envelope> received = new CopyOnWriteArrayList<>();
    private LoopbackSmtpRelay relay = LoopbackSmtpRelay.start(0, "mailseal", SECRET, (envelope, message) -> {
        received.add(envelope);
        return SmtpReply.ok("2.0.0 queued");
    }, 1, Duration.ofSeconds(30));

    @AfterEach
    void stop() {
        relay.close();
    }

    private Session session(boolean auth) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(relay.port()));
        props.put("mail.smtp.auth", String.valueOf(auth));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "5000");
        return Session.getInstance(props);
    }

    private static MimeMessage message(Session session) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("wiki@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        message.setSubject("relayed");
        message.setText("hello");
        return message;
    }

    @Test
    void aClientWithTheSecretRelaysThroughTheLoopbackPort() throws Exception {
        Session session = session(true);
        Transport.send(message(session), "mailseal", SECRET);

        assertThat(received).containsExactly(new Envelope("wiki@example.com", List.of("bob@example.com")));
    }

    @Test
    void aClientThatReconnectsRightAfterQuitIsServedEvenWithOneWorker() throws Exception {
        Session session = session(true);
        for (int i = 0; i < 25; i++) {
            Transport.send(message(session), "mailseal", SECRET);
        }

        assertThat(received).hasSize(25);
    }

    @Test
    void aWrongSecretOrNoAuthenticationIsRefused() {
        assertThatThrownBy(() -> Transport.send(message(session(true)), "mailseal", "wrong-secret-0000000"))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> Transport.send(message(session(false))))
                .isInstanceOf(MessagingException.class).hasMessageContaining("530");
        assertThat(received).isEmpty();
    }

    @Test
    void itListensOnLoopbackOnlyAndRefusesWhenEveryWorkerIsBusy() throws Exception {
        try (Socket first = new Socket(InetAddress.getLoopbackAddress(), relay.port());
             Socket second = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
            BufferedReader one = new BufferedReader(new InputStreamReader(first.getInputStream(),
                    StandardCharsets.US_ASCII));
            assertThat(one.readLine()).startsWith("220 ");
            BufferedReader two = new BufferedReader(new InputStreamReader(second.getInputStream(),
                    StandardCharsets.US_ASCII));
            assertThat(two.readLine()).startsWith("421 ");
        }
        assertThat(relay.toString()).isEqualTo("LoopbackSmtpRelay[127.0.0.1:" + relay.port() + "]");
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> LoopbackSmtpRelay.start(0, "mailseal", "short", (e, m) -> SmtpReply.ok("x"), 1,
                Duration.ofSeconds(1))).hasMessageContaining("16 characters");
    }

    @Test
    void afterCloseThePortTakesNoMoreConnections() {
        int port = relay.port();
        relay.close();

        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(java.net.ConnectException.class);
    }
}
