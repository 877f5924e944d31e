package io.mailseal.crypto.pgp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.bcpg.FastCRC24;

/**
 * OpenPGP ASCII armor (RFC 9580 section 6.2) with CRLF line ends, written in large blocks: the header line, an empty
 * header block, base64 in lines of 64 characters, the CRC-24 checksum line and the tail line; no armor headers. RFC
 * 9580 lets writers drop the checksum, but GnuPG 2.2 then misreads armor whose data ends on a whole base64 group (it
 * takes the tail line for data), so the checksum stays.
 *
 * <p>Bouncy Castle's {@code ArmoredOutputStream} writes every character on its own and ends lines with the platform's
 * line separator; this one hands its target pieces of about 16 KB with canonical line ends.
 *
 * <p>{@link #close()} writes the tail but never closes the target. Not thread-safe; one instance per message.
 */
final class AsciiArmor extends OutputStream {

    private static final int LINE_BYTES = 48;
    private static final int BLOCK_BYTES = LINE_BYTES * 256;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, CRLF);

    private final OutputStream target;
    private final String type;
    private final byte[] block = new byte[BLOCK_BYTES];
    private final FastCRC24 crc = new FastCRC24();
    private int filled;
    private boolean started;
    private boolean closed;

    /**
     * @param target where the armor goes
     * @param type   the armor type, e.g. {@code "PGP MESSAGE"} or {@code "PGP SIGNATURE"}
     */
    AsciiArmor(OutputStream target, String type) {
        this.target = Objects.requireNonNull(target, "target");
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        block[filled++] = (byte) b;
        if (filled == BLOCK_BYTES) {
            emit();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            int n = Math.min(len, BLOCK_BYTES - filled);
            System.arraycopy(b, off, block, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == BLOCK_BYTES) {
                emit();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    /** Writes what is left, the tail line, and flushes the target without closing it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        emit();
        closed = true;
        int value = crc.getValue();
        byte[] checksum = {(byte) (value >> 16), (byte) (value >> 8), (byte) value};
        target.write(("=" + Base64.getEncoder().encodeToString(checksum) + "\r\n"
                + "-----END " + type + "-----\r\n").getBytes(StandardCharsets.US_ASCII));
        target.flush();
    }

    private void emit() throws IOException {
        if (!started) {
            started = true;
            target.write(("-----BEGIN " + type + "-----\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        if (filled == 0) {
            return;
        }
        int whole = filled - filled % 3;
        for (int i = 0; i < whole; i += 3) {
            crc.update3(block, i);
        }
        for (int i = whole; i < filled; i++) {
            crc.update(block[i] & 0xff);
        }
        // a block is a whole number of 48-byte lines, so every block starts a new 64-character line
        target.write(LINES.encode(filled == BLOCK_BYTES ? block : Arrays.copyOf(block, filled)));
        target.write(CRLF);
        filled = 0;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the armor is already closed");
        }
    }
}
