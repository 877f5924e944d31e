package io.mailseal.keys.source.http;

import java.util.Objects;

/**
 * z-base-32, the human-oriented base-32 encoding of Zooko O'Whielacronx that the Web Key Directory uses for the hash
 * of a mailbox's local part (draft-koch-openpgp-webkey-service, section 3.1).
 *
 * <p>Alphabet {@code ybndrfg8ejkmcpqxot1uwisza345h769}; the bits are read most significant first in groups of five;
 * a last partial group is padded with zero bits; no padding characters. Twenty bytes (a SHA-1) give exactly 32
 * characters. Stateless and thread-safe.
 */
public final class ZBase32 {

    private static final char[] ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769".toCharArray();

    private ZBase32() {
    }

    /**
     * Encodes bytes.
     *
     * @param data the bytes
     * @return the z-base-32 text, {@code ceil(8 * length / 5)} characters
     */
    public static String encode(byte[] data) {
        Objects.requireNonNull(data, "data");
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 0x1f]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 0x1f]);
        }
        return out.toString();
    }
}
