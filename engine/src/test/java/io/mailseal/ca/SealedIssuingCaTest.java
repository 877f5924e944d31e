package io.mailseal.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The issuing CA at rest: sealed key plus PEM certificates, opened only with the same codec. */
class SealedIssuingCaTest {

    private final TestSealer codec = new TestSealer();

    @Test
    void opensToTheSameKeyAndCertificates() {
        IssuingCa ca = CaFixture.rsaRoot();

        IssuingCa opened = SealedIssuingCa.seal(ca, codec).open(codec);

        assertThat(opened.privateKey().getEncoded()).isEqualTo(ca.privateKey().getEncoded());
        assertThat(opened.certificatePath()).isEqualTo(ca.certificatePath());
    }

    @Test
    void keepsTheKeyOnlySealed() {
        IssuingCa ca = CaFixture.ecRoot();
        String clear = Base64.getEncoder().encodeToString(ca.privateKey().getEncoded());

        SealedIssuingCa sealed = SealedIssuingCa.seal(ca, codec);

        assertThat(sealed.sealedKey()).doesNotContain(clear.substring(0, 40));
        assertThat(sealed.certificates()).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE");
        assertThat(sealed.toString()).doesNotContain(sealed.sealedKey()).contains("sealedKey=(hidden)");
    }

    @Test
    void anotherCodecCannotOpenItAndSaysWhichCa() {
        SealedIssuingCa sealed = SealedIssuingCa.seal(CaFixture.ecRoot(), codec);

        assertThatThrownBy(() -> sealed.open(new TestSealer()))
                .isInstanceOfSatisfying(CaException.class,
                        e -> assertThat(e.code()).isEqualTo(CaException.Code.ARCHIVE_UNREADABLE))
                .hasMessageContaining("CN=Mailseal Test EC CA");
    }
}
