package io.mailseal.crypto.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bouncycastle.bcpg.CRC24;
import org.junit.jupiter.api.Test;

/** The armor checksum: the RFC's value, and Bouncy Castle's bit-by-bit CRC-24 for every length and split. */
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
}
