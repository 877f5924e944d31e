package io.mailseal.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The salts come from two legacy PKCS#12 files Mailseal wrote with the passphrase "correct horse battery": gpgsm 2.2
 * imported the second and refused the first ("bad passphrase"); a Python model of gpgsm's string_to_key agreed.
 */
class GpgsmKdfQuirkTest {

    private static final char[] PASSPHRASE = "correct horse battery".toCharArray();

    @Test
    void recognisesASaltGpgsmDerivesAnotherKeyFrom() {
        byte[] refused = HexFormat.of().parseHex("B16545790101FC8C37A8C340A23933820F819E03");

        assertThat(GpgsmKdfQuirk.derivesTheSameKey(refused, PASSPHRASE, 10_000)).isFalse();
    }

    @Test
    void acceptsASaltGpgsmHandles() {
        byte[] imported = HexFormat.of().parseHex("4F2CF532D010151259329CDB883DB1F4D305A3BD");

        assertThat(GpgsmKdfQuirk.derivesTheSameKey(imported, PASSPHRASE, 10_000)).isTrue();
    }
}
