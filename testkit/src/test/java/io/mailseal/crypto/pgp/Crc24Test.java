package io.mailseal.crypto.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bouncycastle.bcpg.CRC24;
import org.junit.jupiter.api.Test;

/**
 * The armor checksum: the RFC's value, and Bouncy Castle's bit-by-bit CRC-24 for every length and split; long inputs
 * (the four-lane path and its joins) against the bitwise reference code of RFC 4880 section 6.1.
 */
class Crc24Test {

    @Test
    void emptyInputGivesTheInitialValueAndKnownInputItsKnownChecksum() {
        Crc24 empty = new Crc24();
        assertThat(empty.value()).isEqualTo(0xB704CE);

        Crc24 crc = new Crc24();
        byte[] text = "123456789".getBytes(StandardCharsets.US_ASCII);
        crc.update(text, 0, text.length);
        assertThat(crc.value()).isEqualTo(0x21CF02);
    }

    @Test
    void matchesTheBitByBitCrcForEveryLengthAndSplit() {
        Random random = new Random(7);
        for (int length = 0; length < 70; length++) {
            byte[] data = new byte[length + 5];
            random.nextBytes(data);
            CRC24 reference = new CRC24();
            for (int i = 5; i < data.length; i++) {
                reference.update(data[i] & 0xff);
            }
            for (int split = 0; split <= length; split++) {
                Crc24 crc = new Crc24();
                crc.update(data, 5, split);
                crc.update(data, 5 + split, length - split);
                assertThat(crc.value()).as("length %d split %d", length, split).isEqualTo(reference.getValue());
            }
        }
    }

    @Test
    void longInputsInAnySplitMatchTheBitwiseReference() {
        Random random = new Random(24);
        int stride = 4 * Crc24.LANE;
        int[] lengths = {stride - 1, stride, stride + 1, stride + 8, 2 * stride - 3, 2 * stride, 3 * stride + 13,
            12_288, 16_384, 50_000, 100_003};
        for (int length : lengths) {
            for (int trial = 0; trial < 4; trial++) {
                int offset = random.nextInt(9);
                byte[] data = new byte[offset + length];
                random.nextBytes(data);
                int expected = bitwise(data, offset, length);

                Crc24 whole = new Crc24();
                whole.update(data, offset, length);
                assertThat(whole.value()).as("length %d at %d", length, offset).isEqualTo(expected);

                Crc24 pieces = new Crc24();
                int at = offset;
                while (at < offset + length) {
                    int n = Math.min(offset + length - at, random.nextInt(3) == 0 ? random.nextInt(17)
                            : random.nextInt(3 * stride));
                    pieces.update(data, at, n);
                    at += n;
                }
                assertThat(pieces.value()).as("length %d in pieces", length).isEqualTo(expected);
            }
        }
    }

    @Test
    void shortRandomInputsMatchTheBitwiseReference() {
        Random random = new Random(4880);
        for (int length = 0; length <= 64; length++) {
            for (int trial = 0; trial < 20; trial++) {
                byte[] data = new byte[length];
                random.nextBytes(data);
                Crc24 crc = new Crc24();
                crc.update(data, 0, length);
                assertThat(crc.value()).as("length %d", length).isEqualTo(bitwise(data, 0, length));
            }
        }
    }

    /** RFC 4880 section 6.1, {@code crc_octets}, one bit at a time. */
    private static int bitwise(byte[] data, int off, int len) {
        int crc = 0xB704CE;
        for (int i = off; i < off + len; i++) {
            crc ^= (data[i] & 0xff) << 16;
            for (int bit = 0; bit < 8; bit++) {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) {
                    crc ^= 0x1864CFB;
                }
            }
        }
        return crc & 0xFFFFFF;
    }
}
