package io.mailseal.crypto.smime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** MIME entities as the outbound layer hands them over: canonical CRLF, headers, blank line, body. */
final class SampleEntities {

    private SampleEntities() {
    }

    static byte[] plainText() {
        return crlf("""
                Content-Type: text/plain; charset=us-ascii
                Content-Transfer-Encoding: 7bit

                Alice edited the page "Quarterly numbers".
                The new figures are confidential.
                """);
    }

    static byte[] htmlWithInlineImage() {
        String png = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(pseudoRandom(3000, 7));
        return crlf("""
                Content-Type: multipart/related; boundary="rel-1"; type="text/html"

                --rel-1
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                <html><body><p>Page updated</p><img src=3D"cid:logo@mailseal"></body></html>
                --rel-1
                Content-Type: image/png
                Content-Transfer-Encoding: base64
                Content-ID: <logo@mailseal>
                Content-Disposition: inline; filename="logo.png"

                """ + png.replace("\r\n", "\n") + """

                --rel-1--
                """);
    }

    static byte[] withAttachment() {
        String pdf = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(pseudoRandom(40_000, 11));
        return crlf("""
                Content-Type: multipart/mixed; boundary="mix-1"

                --mix-1
                Content-Type: text/plain; charset=us-ascii

                See the attached report.
                --mix-1
                Content-Type: application/pdf; name="report.pdf"
                Content-Transfer-Encoding: base64
                Content-Disposition: attachment; filename="report.pdf"

                """ + pdf.replace("\r\n", "\n") + """

                --mix-1--
                """);
    }

    static byte[] nonAsciiEightBit() {
        return crlf("""
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Grüße aus Zürich – page “Übersicht” was changed by Zoë.
                日本語のテキスト and emoji 🔒
                """);
    }

    /** A large entity: a text part with generated base64 lines, produced on the fly (never held in memory). */
    static InputStream generated(long bodyBytes, long seed) {
        byte[] header = crlf("""
                Content-Type: application/octet-stream; name="big.bin"
                Content-Transfer-Encoding: base64

                """);
        return new InputStream() {
            private final Random random = new Random(seed);
            private final Base64.Encoder encoder = Base64.getEncoder();
            private byte[] chunk = header;
            private int index;
            private long bodyLeft = bodyBytes;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (index == chunk.length) {
                    if (bodyLeft <= 0) {
                        return -1;
                    }
                    byte[] raw = new byte[57];
                    random.nextBytes(raw);
                    byte[] line = (encoder.encodeToString(raw) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    int take = (int) Math.min(line.length, bodyLeft);
                    chunk = java.util.Arrays.copyOf(line, take);
                    bodyLeft -= take;
                    index = 0;
                }
                int n = Math.min(len, chunk.length - index);
                System.arraycopy(chunk, index, b, off, n);
                index += n;
                return n;
            }
        };
    }

    static byte[] pseudoRandom(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
