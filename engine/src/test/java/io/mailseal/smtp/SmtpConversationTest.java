package io.mailseal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protocol details of the endpoint, byte by byte. */
class SmtpConversationTest {

    private final StringBuilder replies = new StringBuilder();
    private final List<Envelope> envelopes = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();

    private SmtpConversation conversation(SmtpConversation.Limits limits) {
        return new SmtpConversation((envelope, message) -> {
            envelopes.add(envelope);
            messages.add(new String(message, StandardCharsets.ISO_8859_1));
            return SmtpReply.ok("2.0.0 queued");
        }, limits, bytes -> replies.append(new String(bytes, StandardCharsets.US_ASCII)));
    }

    private String say(SmtpConversation conversation, String text) {
        replies.setLength(0);
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        conversation.receive(bytes, 0, bytes.length);
        return replies.toString();
    }

    @Test
    void ehloOffersNeitherAuthNorStartTlsOnTheInMemoryEndpoint() {
        SmtpConversation smtp = conversation(SmtpConversation.Limits.defaults("mailseal.test"));

        assertThat(replies.toString()).startsWith("220 mailseal.test");
        String ehlo = say(smtp, "EHLO confluence\r\n");

        assertThat(ehlo).isEqualTo("250-mailseal.test\r\n250-8BITMIME\r\n250 SIZE 67108864\r\n");
        assertThat(say(smtp, "STARTTLS\r\n")).startsWith("502");
        assertThat(say(smtp, "AUTH PLAIN AGEAYg==\r\n")).startsWith("503");
    }

    @Test
    void commandsOutOfOrderAreRefusedAndRsetClearsTheEnvelope() {
        SmtpConversation smtp = conversation(SmtpConversation.Limits.defaults("mailseal.test"));

        assertThat(say(smtp, "MAIL FROM:<a@example.com>\r\n")).startsWith("503");
        say(smtp, "HELO c\r\n");
        assertThat(say(smtp, "RCPT TO:<b@example.com>\r\n")).startsWith("503");
        assertThat(say(smtp, "DATA\r\n")).startsWith("503");
        assertThat(say(smtp, "MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nRSET\r\nDATA\r\n"))
                .isEqualTo("250 2.1.0 sender ok\r\n250 2.1.5 recipient ok\r\n250 2.0.0 reset\r\n503 5.5.1 RCPT first\r\n");
        assertThat(say(smtp, "MAIL FROM:<a b@example.com>\r\n")).startsWith("501");
        assertThat(say(smtp, "BOGUS\r\n")).startsWith("500");
        assertThat(say(smtp, "NOOP\r\nQUIT\r\n")).isEqualTo("250 2.0.0 ok\r\n221 2.0.0 bye\r\n");
        assertThat(smtp.closed()).isTrue();
        assertThat(envelopes).isEmpty();
    }

    @Test
    void dataIsUnstuffedAcrossArbitrarySplitsAndTheNullSenderIsKept() {
        SmtpConversation smtp = conversation(SmtpConversation.Limits.defaults("mailseal.test"));
        say(smtp, "EHLO c\r\nMAIL FROM:<> SIZE=100\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
        String data = "Subject: s\r\n\r\n..starts with a dot\r\n.. \r\nnot the end.\r\n.\r\n";
        StringBuilder all = new StringBuilder();

        for (char c : data.toCharArray()) {
            all.append(say(smtp, String.valueOf(c)));
        }

        assertThat(all.toString()).isEqualTo("250 2.0.0 queued\r\n");
        assertThat(messages).containsExactly("Subject: s\r\n\r\n.starts with a dot\r\n. \r\nnot the end.\r\n");
        assertThat(envelopes.get(0).sender()).isEmpty();
    }

    @Test
    void aMessageOverTheLimitIsRefusedAndTheConversationGoesOn() {
        SmtpConversation smtp = conversation(new SmtpConversation.Limits("m", 2048, 10, null));
        say(smtp, "EHLO c\r\n");
        assertThat(say(smtp, "MAIL FROM:<a@example.com> SIZE=4096\r\n")).startsWith("552");

        say(smtp, "MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
        String reply = say(smtp, "x".repeat(1000) + "\r\n" + "y".repeat(1000) + "\r\n" + "z".repeat(1000) + "\r\n.\r\n");

        assertThat(reply).startsWith("552 5.3.4");
        assertThat(messages).isEmpty();
        assertThat(say(smtp, "MAIL FROM:<a@example.com>\r\n")).startsWith("250");
    }

    @Test
    void tooManyRecipientsGetA452AndAnOverlongLineA500() {
        SmtpConversation smtp = conversation(new SmtpConversation.Limits("m", 4096, 2, null));
        say(smtp, "EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<1@example.com>\r\nRCPT TO:<2@example.com>\r\n");

        assertThat(say(smtp, "RCPT TO:<3@example.com>\r\n")).startsWith("452 4.5.3");
        assertThat(say(smtp, "NOOP " + "x".repeat(5000) + "\r\n")).startsWith("500 5.5.6");
        assertThat(say(smtp, "DATA\r\n")).startsWith("354");
        say(smtp, "body\r\n.\r\n");
        assertThat(envelopes.get(0).recipients()).containsExactly("1@example.com", "2@example.com");
    }

    @Test
    void relayModeWantsAuthPlainOrLoginWithTheRightSecret() {
        SmtpConversation.Login login = (user, password) -> user.equals("mailseal") && password.equals("s3cret");
        SmtpConversation smtp = conversation(new SmtpConversation.Limits("relay", 4096, 10, login));

        assertThat(say(smtp, "EHLO c\r\n")).contains("250 AUTH PLAIN LOGIN\r\n");
        assertThat(say(smtp, "MAIL FROM:<a@example.com>\r\n")).startsWith("530");
        assertThat(say(smtp, "AUTH PLAIN " + b64("\0mailseal\0wrong") + "\r\n")).startsWith("535");
        assertThat(say(smtp, "AUTH LOGIN\r\n")).isEqualTo("334 VXNlcm5hbWU6\r\n");
        assertThat(say(smtp, b64("mailseal") + "\r\n")).isEqualTo("334 UGFzc3dvcmQ6\r\n");
        assertThat(say(smtp, b64("s3cret") + "\r\n")).startsWith("235");
        assertThat(say(smtp, "MAIL FROM:<a@example.com>\r\n")).startsWith("250");

        SmtpConversation other = conversation(new SmtpConversation.Limits("relay", 4096, 10, login));
        say(other, "EHLO c\r\n");
        assertThat(say(other, "AUTH PLAIN\r\n")).isEqualTo("334 \r\n");
        assertThat(say(other, b64("\0mailseal\0s3cret") + "\r\n")).startsWith("235");
    }

    @Test
    void abortInTheMiddleOfDataDropsTheMessage() {
        SmtpConversation smtp = conversation(SmtpConversation.Limits.defaults("m"));
        say(smtp, "EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\nSubject: x\r\n");

        smtp.abort();
        say(smtp, ".\r\n");

        assertThat(messages).isEmpty();
        assertThat(smtp.closed()).isTrue();
    }

    @Test
    void aLinkageErrorInTheSinkIsAnsweredWith451NotThrownAtTheClient() {
        StringBuilder out = new StringBuilder();
        SmtpConversation smtp = new SmtpConversation((envelope, message) -> {
            throw new NoClassDefFoundError("com/google/common/collect/Maps");
        }, SmtpConversation.Limits.defaults("m"), bytes -> out.append(new String(bytes, StandardCharsets.US_ASCII)));
        byte[] session = "EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\nx\r\n.\r\n"
                .getBytes(StandardCharsets.US_ASCII);

        smtp.receive(session, 0, session.length);

        assertThat(out.toString()).endsWith("451 4.3.0 NoClassDefFoundError while processing the message\r\n");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
