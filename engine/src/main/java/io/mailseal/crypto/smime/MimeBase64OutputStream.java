package io.mailseal.crypto.smime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Base64 for a MIME body (RFC 2045 §6.8): lines of 76 characters, each ended by CRLF, the last line too. Closing it
 * writes the final line but leaves the stream below open (the caller may write more parts after it).
 *
 * <p>Not thread-safe (one per message).
 */
final class MimeBase64OutputStream extends OutputStream {

    /** Bytes per 76-character line. */
    private static final int LINE_BYTES = 57;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final Base64.Encoder LINES = Base64.getMimeEncoder(76, CRLF);

    private final OutputStream out;
    private final byte[] pending = new byte[LINE_BYTES * 128];
    private int count;
    private boolean closed;

    MimeBase64OutputStream(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        int position = off;
        int remaining = len;
        while (remaining > 0) {
            int n = Math.min(remaining, pending.length - count);
            System.arraycopy(b, position, pending, count, n);
            count += n;
            position += n;
            remaining -= n;
            if (count == pending.length) {
                emit(count);
            }
        }
    }

    private void emit(int length) throws IOException {
        if (length == 0) {
            return;
        }
        byte[] encoded = LINES.encode(length == pending.length ? pending : java.util.Arrays.copyOf(pending, length));
        out.write(encoded);
        out.write(CRLF);
        count = 0;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        emit(count);
        out.flush();
    }

    /**
     * Writes ASCII header text.
     *
     * @param out  the stream
     * @param text the text, ASCII only
     * @throws IOException if writing fails
     */
    static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
}
