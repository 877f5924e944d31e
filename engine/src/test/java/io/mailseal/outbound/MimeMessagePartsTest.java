package io.mailseal.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeMessagePartsTest {

    @Test
    void splitsRoutingHeadersFromTheEntityAndKeepsFoldingAndBytes() {
        byte[] message = ("From: Wiki <wiki@example.com>\r\nTo: bob@example.com\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
                + "Content-Type: multipart/alternative;\r\n\tboundary=\"b1\"\r\nMIME-Version: 1.0\r\n"
                + "X-ATLASSIAN-NOTIFICATIONS-VERSION: 8.0.0\r\n\r\n--b1\r\nbody \u00e9\r\n--b1--\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        MimeMessageParts parts = ((MimeMessageParts.Message) MimeMessageParts.parse(message)).parts();

        assertThat(parts.fields()).extracting(MimeMessageParts.Field::name).containsExactly("From", "To", "Subject",
                "Content-Type", "MIME-Version", "X-ATLASSIAN-NOTIFICATIONS-VERSION");
        assertThat(parts.field("content-type").orElseThrow().raw())
                .isEqualTo("Content-Type: multipart/alternative;\r\n\tboundary=\"b1\"");
        assertThat(parts.field("Content-Type").orElseThrow().value()).isEqualTo("multipart/alternative; boundary=\"b1\"");
        assertThat(new String(parts.entity(), StandardCharsets.ISO_8859_1)).isEqualTo(
                "Content-Type: multipart/alternative;\r\n\tboundary=\"b1\"\r\n\r\n--b1\r\nbody \u00e9\r\n--b1--\r\n");
    }

    @Test
    void bareLineFeedsBecomeCrlfAndAMissingContentTypeIsPlainText() {
        byte[] message = "From: a@example.com\nSubject: x\n\nline 1\nline 2\n".getBytes(StandardCharsets.US_ASCII);

        MimeMessageParts parts = ((MimeMessageParts.Message) MimeMessageParts.parse(message)).parts();

        assertThat(new String(parts.entity(), StandardCharsets.US_ASCII))
                .isEqualTo("Content-Type: text/plain; charset=us-ascii\r\n\r\nline 1\r\nline 2\r\n");
    }

    @Test
    void aMessageWithoutBodyIsStillAMessage() {
        MimeMessageParts.Parsed parsed = MimeMessageParts.parse("From: a@example.com\r\n".getBytes());

        assertThat(parsed).isInstanceOf(MimeMessageParts.Message.class);
        assertThat(((MimeMessageParts.Message) parsed).parts().body()).isEmpty();
    }

    @Test
    void garbageIsNotAMessageAndSaysWhichLine() {
        assertThat(MimeMessageParts.parse("From: a@example.com\r\nthis is no header\r\n\r\nbody".getBytes()))
                .isEqualTo(new MimeMessageParts.NotAMessage("header line 2 is not a header field: this is no header"));
        assertThat(MimeMessageParts.parse(" folded: first\r\n\r\n".getBytes()))
                .isEqualTo(new MimeMessageParts.NotAMessage("header line 1 continues a field that does not exist"));
        assertThat(MimeMessageParts.parse(new byte[0])).isEqualTo(new MimeMessageParts.NotAMessage("no header fields"));
    }
}
