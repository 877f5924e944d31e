package io.mailseal.ca;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A quirk of gpgsm 2.2's PKCS#12 reader (GnuPG {@code sm/minip12.c}, {@code string_to_key}): when the PKCS#12 key
 * derivation (RFC 7292 appendix B.2) needs a second block, as for a 24-byte 3DES key, gpgsm adds {@code B + 1} to
 * each 64-byte chunk {@code I_j} and prints the sum back with {@code gcry_mpi_print}, which writes a number with a
 * leading zero byte shorter and left-aligned. For such salts (about one in a hundred) gpgsm derives another key and
 * reports "bad passphrase". {@link Pkcs12Export} draws a new salt until this cannot happen.
 *
 * <p>Stateless; thread-safe.
 */
final class GpgsmKdfQuirk {

    private static final int BLOCK = 64;

    private GpgsmKdfQuirk() {
    }

    /**
     * Whether gpgsm 2.2 derives the same 3DES key as RFC 7292 for this salt, passphrase and iteration count.
     *
     * @param salt       the PBE salt
     * @param passphrase the passphrase
     * @param iterations the iteration count
     * @return true if no chunk of the second round has a leading zero byte
     */
    static boolean derivesTheSameKey(byte[] salt, char[] passphrase, int iterations) {
        byte[] password = bmpString(passphrase);
        byte[] input = concat(fill(salt), fill(password));
        byte[] digest;
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] diversifier = new byte[BLOCK];
            Arrays.fill(diversifier, (byte) 1);
            sha1.update(diversifier);
            sha1.update(input);
            digest = sha1.digest();
            for (int i = 1; i < iterations; i++) {
                digest = sha1.digest(digest);
            }
        } catch (GeneralSecurityException e) {
            throw new CaException(CaException.Code.SIGNING_FAILED, "no SHA-1 for the PKCS#12 key derivation", e);
        }
        byte[] b = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            b[i] = digest[i % digest.length];
        }
        BigInteger bPlusOne = new BigInteger(1, b).add(BigInteger.ONE);
        BigInteger modulus = BigInteger.ONE.shiftLeft(BLOCK * 8);
        BigInteger leadingByte = BigInteger.ONE.shiftLeft((BLOCK - 1) * 8);
        for (int j = 0; j < input.length; j += BLOCK) {
            BigInteger sum = new BigInteger(1, Arrays.copyOfRange(input, j, j + BLOCK)).add(bPlusOne).mod(modulus);
            if (sum.compareTo(leadingByte) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The passphrase as BMPString with the terminating zero, as RFC 7292 B.1 asks. */
    private static byte[] bmpString(char[] passphrase) {
        byte[] utf16 = new String(passphrase).getBytes(StandardCharsets.UTF_16BE);
        return Arrays.copyOf(utf16, utf16.length + 2);
    }

    /** Repeats the bytes to a multiple of 64 (RFC 7292 B.2 steps 2 and 3). */
    private static byte[] fill(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] filled = new byte[BLOCK * ((bytes.length + BLOCK - 1) / BLOCK)];
        for (int i = 0; i < filled.length; i++) {
            filled[i] = bytes[i % bytes.length];
        }
        return filled;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
