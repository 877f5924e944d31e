package io.mailseal.sandbox.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MailKindTest {

    private static MailKind kind(String headers) {
        return MailKind.of((headers + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void tellsEncryptedSignedPlainAndProblemReports() {
        assertThat(kind("Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m"))
                .isEqualTo(MailKind.SMIME_ENCRYPTED);
        assertThat(kind("Content-Type: application/pkcs7-mime; smime-type=authEnveloped-data"))
                .isEqualTo(MailKind.SMIME_ENCRYPTED);
        assertThat(kind("Content-Type: application/pkcs7-mime; smime-type=signed-data")).isEqualTo(MailKind.SIGNED);
        assertThat(kind("Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=x"))
                .isEqualTo(MailKind.PGP_ENCRYPTED);
        assertThat(kind("Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; boundary=x"))
                .isEqualTo(MailKind.SIGNED);
        assertThat(kind("Subject: Message could not be delivered encrypted\r\nAuto-Submitted: auto-generated\r\n"
                + "Message-ID: <1@mailseal.invalid>\r\nContent-Type: text/plain")).isEqualTo(MailKind.PROBLEM_REPORT);
        assertThat(kind("Subject: [Confluence] page\r\nContent-Type: text/html")).isEqualTo(MailKind.PLAIN);
    }

    @Test
    void aPlainMailThatOnlyLooksLikeAReportIsPlain() {
        assertThat(kind("Subject: Message could not be delivered encrypted\r\nContent-Type: text/plain"))
                .as("no Auto-Submitted header").isEqualTo(MailKind.PLAIN);
        assertThat(kind("Auto-Submitted: auto-generated\r\nMessage-ID: <1@sandbox.mailseal.invalid>\r\n"
                + "Subject: [Confluence] page")).isEqualTo(MailKind.PLAIN);
        assertThat(kind("Content-Type: multipart/encrypted; protocol=\"application/other\"; boundary=x"))
                .isEqualTo(MailKind.PLAIN);
    }
}
