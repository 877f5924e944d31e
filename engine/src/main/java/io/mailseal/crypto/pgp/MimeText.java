package io.mailseal.crypto.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Small MIME helpers shared by the encryptor and the signer. Stateless and thread-safe. */
final class MimeText {

    /** The largest piece of data handed on in one call (the JDK's AES is fastest with pieces up to 16 KB). */
    static final int PIECE = 16 * 1024;

    static final String CRLF = "\r\n";

    private static final int BOUNDARY_RANDOM_BYTES = 16;

    private MimeText() {
    }

    /**
     * A new multipart boundary: {@code =_mailseal_} and 32 random hex digits. "=_" never occurs in quoted-printable
     * or base64 text, and the random part makes a clash with any content negligible.
     */
    static String boundary(SecureRandom random) {
        byte[] bytes = new byte[BOUNDARY_RANDOM_BYTES];
        random.nextBytes(bytes);
        return "=_mailseal_" + HexFormat.of().formatHex(bytes);
    }

    static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Copies everything, in pieces of at most {@link #PIECE} bytes. */
    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[PIECE];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (n > 0) {
                out.write(buffer, 0, n);
            }
        }
    }
}
