package io.mailseal.crypto.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.junit.jupiter.api.Test;

/** The armor and line-end helpers: what Bouncy Castle reads back, with canonical lines. */
class AsciiArmorTest {

    @Test
    void armorOfEveryLengthReadsBackWithLinesOfAtMost64CharactersEndingInCrlf() throws Exception {
        for (int length : new int[] {1, 2, 3, 47, 48, 49, 1000, 12_287, 12_288, 12_289, 40_000}) {
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++) {
                data[i] = (byte) (i * 13 + length);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AsciiArmor armor = new AsciiArmor(out, "PGP MESSAGE");
            armor.write(data, 0, length / 2);
            for (int i = length / 2; i < length; i++) {
                armor.write(data[i]);
            }
            armor.close();
            String text = out.toString(StandardCharsets.US_ASCII);

            assertThat(text).startsWith("-----BEGIN PGP MESSAGE-----\r\n\r\n").endsWith("-----END PGP MESSAGE-----\r\n");
            assertThat(text.split("\r\n", -1)).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(64));
            assertThat(text.replace("\r\n", "")).doesNotContain("\r", "\n");
            ArmoredInputStream in = ArmoredInputStream.builder().setDetectMissingCRC(true)
                    .build(new ByteArrayInputStream(out.toByteArray()));
            assertThat(in.readAllBytes()).as("length " + length).isEqualTo(data);
            assertThat(in.isEndOfStream()).isTrue();
        }
    }

    @Test
    void bareLineFeedsAndCarriageReturnsBecomeCrlfAndCrlfStays() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CanonicalLineEnds lines = new CanonicalLineEnds(out);
        lines.write("a\nb\r\nc\rd\r".getBytes(StandardCharsets.US_ASCII));
        lines.write('\n');
        lines.write("e\r".getBytes(StandardCharsets.US_ASCII));
        lines.close();

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("a\r\nb\r\nc\r\nd\r\ne\r\n");
    }
}
