package io.mailseal.crypto.pgp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * An output stream that writes canonical line ends: a bare LF or a bare CR becomes CRLF, CRLF stays as it is, every
 * other byte passes unchanged. Canonical input therefore passes byte for byte.
 *
 * <p>{@link #close()} writes a pending CR's LF and flushes, but never closes the target: the caller owns it.
 * Not thread-safe; one instance per message.
 */
final class CanonicalLineEnds extends OutputStream {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] CRLF = {CR, LF};

    private final OutputStream target;
    private boolean pendingCr;
    private boolean closed;

    CanonicalLineEnds(OutputStream target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public void write(int b) throws IOException {
        byte c = (byte) b;
        if (pendingCr) {
            pendingCr = false;
            target.write(CRLF);
            if (c == LF) {
                return;
            }
        }
        if (c == CR) {
            pendingCr = true;
        } else if (c == LF) {
            target.write(CRLF);
        } else {
            target.write(c);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        int end = off + len;
        int runStart = off;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (pendingCr) {
                pendingCr = false;
                if (c == LF) {
                    target.write(CRLF);
                    runStart = i + 1;
                    continue;
                }
                target.write(CRLF);
            }
            if (c == CR) {
                target.write(b, runStart, i - runStart);
                pendingCr = true;
                runStart = i + 1;
            } else if (c == LF) {
                target.write(b, runStart, i - runStart);
                target.write(CRLF);
                runStart = i + 1;
            }
        }
        if (runStart < end) {
            target.write(b, runStart, end - runStart);
        }
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    /** Writes the LF of a trailing CR and flushes the target without closing it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (pendingCr) {
            pendingCr = false;
            target.write(CRLF);
        }
        target.flush();
    }
}
