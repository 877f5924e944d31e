package io.mailseal.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

/** JavaMail's real SMTP transport talks to the endpoint through the in-memory socket factory, for smtp and smtps. */
class InMemorySmtpSocketFactoryTest {

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile SmtpReply answer = SmtpReply.ok("2.0.0 accepted");

    private record Received(Envelope envelope, byte[] message) {
    }

    private final InMemorySmtpSocketFactory factory = new InMemorySmtpSocketFactory((envelope, message) -> {
        received.add(new Received(envelope, message));
        return answer;
    }, SmtpConversation.Limits.defaults("mailseal.test"));

    private Session session(String protocol) {
        Properties props = new Properties();
        String prefix = "mail." + protocol;
        props.put(prefix + ".host", "upstream.invalid");
        props.put(prefix + ".port", "2525");
        props.put(prefix + ".socketFactory", factory);
        props.put(prefix + ".socketFactory.fallback", "false");
        props.put(prefix + ".ssl.socketFactory", factory);
        props.put(prefix + ".ssl.socketFactory.fallback", "false");
        props.put(prefix + ".localhost", "confluence.test");
        props.put(prefix + ".connectiontimeout", "1000");
        return Session.getInstance(props);
    }

    private MimeMessage message(Session session, String body, String... to) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("wiki@example.com"));
        for (String address : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        }
        message.setSubject("Page edited \u00fc");
        message.setText(body, "UTF-8");
        message.saveChanges();
        return message;
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void theTransportDeliversTheExactBytesAndEnvelopeWithoutResolvingTheHost() throws Exception {
        Session session = session("smtp");
        MimeMessage message = message(session, "Hello\r\n.leading dot\r\n..two dots\r\n.\r\nend", "bob@example.com",
                "carol@example.com");

        Transport.send(message);

        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.envelope()).isEqualTo(new Envelope("wiki@example.com",
                    List.of("bob@example.com", "carol@example.com")));
            assertThat(new String(r.message(), StandardCharsets.ISO_8859_1))
                    .isEqualTo(new String(bytes(message), StandardCharsets.ISO_8859_1) + "\r\n");
        });
    }

    @Test
    void theSmtpsTransportUsesTheSameEndpointWithoutAnyTls() throws Exception {
        Session session = session("smtps");
        MimeMessage message = message(session, "over smtps", "bob@example.com");

        try (Transport transport = session.getTransport("smtps")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }

        assertThat(received).hasSize(1);
    }

    @Test
    void aRetryAnswerReachesTheClientAsAFailureWithItsCode() throws Exception {
        answer = SmtpReply.retryLater("4.4.1 upstream down");
        Session session = session("smtp");

        assertThatThrownBy(() -> Transport.send(message(session, "x", "bob@example.com")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("451");
    }

    @Test
    void aSinkThatThrowsGivesA451SoTheClientKeepsTheMessage() throws Exception {
        InMemorySmtpSocketFactory failing = new InMemorySmtpSocketFactory((envelope, message) -> {
            throw new IllegalStateException("boom");
        }, SmtpConversation.Limits.defaults("mailseal.test"));
        Properties props = new Properties();
        props.put("mail.smtp.socketFactory", failing);
        props.put("mail.smtp.socketFactory.fallback", "false");
        props.put("mail.smtp.host", "upstream.invalid");
        Session session = Session.getInstance(props);

        assertThatThrownBy(() -> Transport.send(message(session, "x", "bob@example.com")))
                .hasMessageContaining("451").hasMessageContaining("IllegalStateException");
    }

    @Test
    void fiveHundredRecipientsArriveInOneEnvelope() throws Exception {
        Session session = session("smtp");
        String[] to = new String[500];
        for (int i = 0; i < to.length; i++) {
            to[i] = "user" + i + "@example.com";
        }

        Transport.send(message(session, "to many", to));

        assertThat(received).singleElement().satisfies(r -> assertThat(r.envelope().recipients()).hasSize(500)
                .startsWith("user0@example.com").endsWith("user499@example.com"));
    }

    @Test
    void manyThreadsSendAtOnceAndEveryMessageArrivesOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                sends.add(pool.submit(() -> {
                    Session session = session("smtp");
                    Transport.send(message(session, "message " + n, "user" + n + "@example.com"));
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(received).hasSize(200);
        assertThat(received.stream().map(r -> r.envelope().recipients().get(0)).distinct()).hasSize(200);
        assertThat(received).allSatisfy(r -> assertThat(new String(r.message(), StandardCharsets.US_ASCII))
                .contains("message " + r.envelope().recipients().get(0).replaceAll("\\D", "")));
    }

    @Test
    void afterShutDownNewConnectionsAreRefusedWith421() {
        factory.shutDown();
        Session session = session("smtp");

        assertThatThrownBy(() -> Transport.send(message(session, "x", "bob@example.com")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("421");
        assertThat(received).isEmpty();
    }

    @Test
    void theFactoryTellsWhetherTheLastConnectionOnThisThreadWentThroughIt() throws Exception {
        Session session = session("smtp");
        factory.forgetLastSocket();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            InMemorySmtpSocket socket = factory.takeLastSocket();
            assertThat(socket).isNotNull();
            assertThat(socket.isConnected()).isTrue();
        }
        assertThat(factory.takeLastSocket()).isNull();
    }

    @Test
    void aClientThatHangsUpInTheMiddleOfDataDeliversNothing() throws Exception {
        InMemorySmtpSocket socket = (InMemorySmtpSocket) factory.createSocket("upstream.invalid", 25);
        var out = socket.getOutputStream();
        out.write(("EHLO client\r\nMAIL FROM:<wiki@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n"
                + "Subject: half\r\n\r\nthe first half of the").getBytes(StandardCharsets.US_ASCII));
        socket.close();

        assertThat(received).isEmpty();
        assertThatThrownBy(() -> out.write('x')).hasMessageContaining("closed");
    }
}
