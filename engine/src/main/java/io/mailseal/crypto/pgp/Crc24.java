package io.mailseal.crypto.pgp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The OpenPGP armor checksum (CRC-24, RFC 9580 section 6.1: polynomial 0x864CFB, initial value 0xB704CE, most
 * significant bit first), table-driven eight bytes at a time ("slicing by 8"; Bouncy Castle's {@code FastCRC24}
 * takes one byte per step). Not thread-safe; one instance per armor.
 *
 * <p>One slicing-by-8 step waits for the previous one (the register feeds the next lookups), so a single chain runs
 * at the latency of its table loads. Long inputs are therefore cut into strides of four lanes of {@link #LANE} bytes
 * each, whose CRCs are computed side by side (four independent chains) and then joined: CRC is linear, so the CRC
 * of {@code A || B} is the register after {@code A} advanced over {@code |B|} zero bytes, XOR the CRC of {@code B}
 * from a zero register; advancing a register over {@link #LANE} zero bytes is a fixed linear map, kept as three
 * tables of 256 (one per register byte).
 */
final class Crc24 {

    private static final int INIT = 0xB704CE;
    /** The polynomial in the top 24 bits of a 32-bit register. */
    private static final int POLY = 0x864CFB << 8;
    /** The length of one lane; a stride is four lanes. */
    static final int LANE = 1024;
    private static final int STRIDE = 4 * LANE;
    /** Eight tables of 256: table k maps a byte to its CRC followed by k zero bytes. */
    private static final int[] TABLE = table();
    /** Three tables of 256: table k maps register byte k (0 = lowest of the 24 bits) to its advance over a lane. */
    private static final int[] ADVANCE = advance();
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The CRC in the top 24 bits of the register (the low 8 bits are always 0). */
    private int register = INIT << 8;

    void update(byte[] b, int off, int len) {
        int[] t = TABLE;
        int crc = register;
        int end = off + len;
        int i = off;
        for (; i + STRIDE <= end; i += STRIDE) {
            int c0 = crc;
            int c1 = 0;
            int c2 = 0;
            int c3 = 0;
            for (int j = i, laneEnd = i + LANE; j < laneEnd; j += 8) {
                c0 = step(t, c0, (long) LONG.get(b, j));
                c1 = step(t, c1, (long) LONG.get(b, j + LANE));
                c2 = step(t, c2, (long) LONG.get(b, j + 2 * LANE));
                c3 = step(t, c3, (long) LONG.get(b, j + 3 * LANE));
            }
            crc = advance(advance(advance(c0) ^ c1) ^ c2) ^ c3;
        }
        for (; i + 8 <= end; i += 8) {
            crc = step(t, crc, (long) LONG.get(b, i));
        }
        for (; i < end; i++) {
            crc = (crc << 8) ^ t[(crc >>> 24) ^ (b[i] & 0xff)];
        }
        register = crc;
    }

    /** The 24-bit checksum of everything given so far. */
    int value() {
        return register >>> 8;
    }

    /** The register after eight more bytes (big-endian in {@code v}). */
    private static int step(int[] t, int crc, long v) {
        int hi = crc ^ (int) (v >>> 32);
        int lo = (int) v;
        return t[7 * 256 + (hi >>> 24)] ^ t[6 * 256 + ((hi >>> 16) & 0xff)] ^ t[5 * 256 + ((hi >>> 8) & 0xff)]
                ^ t[4 * 256 + (hi & 0xff)] ^ t[3 * 256 + (lo >>> 24)] ^ t[2 * 256 + ((lo >>> 16) & 0xff)]
                ^ t[256 + ((lo >>> 8) & 0xff)] ^ t[lo & 0xff];
    }

    /** The register advanced over {@link #LANE} zero bytes. */
    private static int advance(int crc) {
        int[] a = ADVANCE;
        return a[2 * 256 + (crc >>> 24)] ^ a[256 + ((crc >>> 16) & 0xff)] ^ a[(crc >>> 8) & 0xff];
    }

    private static int[] table() {
        int[] table = new int[8 * 256];
        for (int n = 0; n < 256; n++) {
            int c = n << 24;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ POLY : c << 1;
            }
            table[n] = c;
        }
        for (int n = 0; n < 256; n++) {
            int c = table[n];
            for (int k = 1; k < 8; k++) {
                c = (c << 8) ^ table[c >>> 24];
                table[k * 256 + n] = c;
            }
        }
        return table;
    }

    private static int[] advance() {
        int[] t = TABLE;
        // the map is linear: advance the 24 single-bit registers, then XOR them together for every byte value
        int[] bit = new int[24];
        for (int k = 0; k < 24; k++) {
            int c = 1 << (8 + k);
            for (int z = 0; z < LANE; z++) {
                c = (c << 8) ^ t[c >>> 24];
            }
            bit[k] = c;
        }
        int[] advance = new int[3 * 256];
        for (int k = 0; k < 3; k++) {
            for (int n = 0; n < 256; n++) {
                int c = 0;
                for (int j = 0; j < 8; j++) {
                    if ((n & (1 << j)) != 0) {
                        c ^= bit[8 * k + j];
                    }
                }
                advance[k * 256 + n] = c;
            }
        }
        return advance;
    }
}
