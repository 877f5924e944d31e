package io.mailseal.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import javax.mail.BodyPart;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

class SevenBitEntityTest {

    private static final String HTML = "<p>Gr\u00fc\u00dfe aus M\u00fcnchen \u2014 \u00e9t\u00e9</p>\r\n<p>line two</p>";

    @Test
    void anEntityWithoutEightBitBytesIsReturnedUntouched() {
        byte[] entity = "Content-Type: text/plain\r\nContent-Transfer-Encoding: 7bit\r\n\r\nhello\r\n"
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(SevenBitEntity.encode(entity)).isSameAs(entity);
    }

    @Test
    void eightBitTextBecomesQuotedPrintableAndDecodesToTheSameText() throws Exception {
        byte[] entity = ("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + HTML)
                .getBytes(StandardCharsets.UTF_8);

        byte[] encoded = SevenBitEntity.encode(entity);

        assertThat(sevenBit(encoded)).as("only 7-bit bytes").isTrue();
        String text = new String(encoded, StandardCharsets.US_ASCII);
        assertThat(text).contains("Content-Transfer-Encoding: quoted-printable\r\n").doesNotContain("8bit");
        assertThat(parse(encoded).getContent()).isEqualTo(HTML);
    }

    @Test
    void inAMultipartOnlyTheEightBitPartsChangeAndBoundariesStay() throws Exception {
        String ascii = "--rel\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n"
                + "\r\niVBORw0KGgo=\r\n";
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, '\r', '\n', 1};
        byte[] entity = concat(("Content-Type: multipart/related; boundary=\"rel\"\r\n\r\n"
                + "--rel\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + HTML
                + "\r\n" + ascii
                + "--rel\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8), binary, "\r\n--rel--\r\n".getBytes(StandardCharsets.US_ASCII));

        byte[] encoded = SevenBitEntity.encode(entity);

        assertThat(sevenBit(encoded)).as("only 7-bit bytes").isTrue();
        String text = new String(encoded, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("Content-Type: multipart/related; boundary=\"rel\"\r\n\r\n--rel\r\n")
                .contains(ascii).endsWith("\r\n--rel--\r\n");
        MimeMultipart multipart = (MimeMultipart) parse(encoded).getContent();
        assertThat(multipart.getCount()).isEqualTo(3);
        assertThat(multipart.getBodyPart(0).getContent()).isEqualTo(HTML);
        BodyPart image = multipart.getBodyPart(1);
        assertThat(image.getHeader("Content-Transfer-Encoding")).containsExactly("base64");
        BodyPart octets = multipart.getBodyPart(2);
        assertThat(octets.getHeader("Content-Transfer-Encoding")).containsExactly("base64");
        assertThat(octets.getInputStream().readAllBytes()).isEqualTo(binary);
    }

    @Test
    void nestedMultipartsAndAttachedMessagesAreWalked() throws Exception {
        byte[] entity = ("Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
                + "--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n"
                + "--inner\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + HTML + "\r\n--inner--\r\n"
                + "--outer\r\nContent-Type: message/rfc822\r\n\r\n"
                + "Subject: forwarded\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit"
                + "\r\n\r\n" + HTML + "\r\n--outer--\r\n").getBytes(StandardCharsets.UTF_8);

        byte[] encoded = SevenBitEntity.encode(entity);

        assertThat(sevenBit(encoded)).as("only 7-bit bytes").isTrue();
        MimeMultipart outer = (MimeMultipart) parse(encoded).getContent();
        MimeMultipart inner = (MimeMultipart) outer.getBodyPart(0).getContent();
        assertThat(inner.getBodyPart(0).getContent()).isEqualTo(HTML);
        MimeMessage attached = (MimeMessage) outer.getBodyPart(1).getContent();
        assertThat(attached.getSubject()).isEqualTo("forwarded");
        assertThat(attached.getContent()).isEqualTo(HTML);
    }

    private static MimeMessage parse(byte[] entity) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(entity));
    }

    private static boolean sevenBit(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(byte[]... pieces) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }
}
