package io.mailseal.sandbox.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JavaMail's SMTP transport against the sink; the mailbox on disk. */
class SmtpSinkTest {

    @TempDir
    Path directory;

    @Test
    void receivesWhatJavaMailSendsAndKeepsItAcrossReopening() throws Exception {
        Mailbox mailbox = Mailbox.open(directory, Clock.systemUTC());
        try (SmtpSink sink = SmtpSink.start(mailbox)) {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", sink.host());
            properties.put("mail.smtp.port", String.valueOf(sink.port()));
            properties.put("mail.smtp.connectiontimeout", "5000");
            properties.put("mail.smtp.timeout", "5000");
            Session session = Session.getInstance(properties);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("wiki@example.com"));
            message.setRecipients(Message.RecipientType.TO, "bob@example.com, carol@example.com");
            message.setSubject("Grüße", "UTF-8");
            message.setText("line one\n.leading dot\n", "UTF-8");

            Transport.send(message);
        }

        assertThat(mailbox.messages()).hasSize(1);
        StoredMail mail = mailbox.messages().get(0);
        assertThat(mail.from()).isEqualTo("wiki@example.com");
        assertThat(mail.recipients()).containsExactly("bob@example.com", "carol@example.com");
        assertThat(mail.subject()).isEqualTo("Grüße");
        assertThat(mail.kind()).isEqualTo(MailKind.PLAIN);
        assertThat(new String(mailbox.raw(mail), StandardCharsets.UTF_8)).contains("\r\n.leading dot\r\n")
                .doesNotContain("..leading");

        Mailbox reopened = Mailbox.open(directory, Clock.systemUTC());
        assertThat(reopened.messages()).containsExactly(mail);
        assertThat(reopened.receive("a@example.com", java.util.List.of("b@example.com"),
                "Subject: x\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII)).id()).isEqualTo(mail.id() + 1);
        assertThat(reopened.messages().get(0).subject()).as("newest first").isEqualTo("x");
    }
}
