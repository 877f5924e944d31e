package io.mailseal.crypto.pgp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

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
    private static final int LINE_CHARS = 64;
    /** Base64 without line breaks: the JDK encodes a whole block in one go (its MIME encoder goes line by line). */
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final OutputStream target;
    private final String type;
    private final byte[] block = new byte[BLOCK_BYTES];
    private final byte[] encoded = new byte[BLOCK_BYTES / 3 * 4];
    private final byte[] lines = new byte[BLOCK_BYTES / LINE_BYTES * (LINE_CHARS + CRLF.length)];
    private final Crc24 crc = new Crc24();
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
        int value = crc.value();
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
        crc.update(block, 0, filled);
        // a block is a whole number of 48-byte lines, so every block starts a new 64-character line
        int chars = BASE64.encode(filled == BLOCK_BYTES ? block : Arrays.copyOf(block, filled), encoded);
        int length = 0;
        for (int i = 0; i < chars; i += LINE_CHARS) {
            int n = Math.min(LINE_CHARS, chars - i);
            System.arraycopy(encoded, i, lines, length, n);
            length += n;
            lines[length++] = '\r';
            lines[length++] = '\n';
        }
        target.write(lines, 0, length);
        filled = 0;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the armor is already closed");
        }
    }
}
