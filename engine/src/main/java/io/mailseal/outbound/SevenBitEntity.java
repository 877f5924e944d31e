package io.mailseal.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import javax.mail.MessagingException;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeUtility;
import javax.mail.internet.ParseException;

/**
 * Makes a MIME entity safe to sign: every leaf part sent as {@code 8bit} or {@code binary} (or with no transfer
 * encoding but 8-bit bytes) is re-encoded, text as quoted-printable and everything else as base64, so that no relay
 * on the way can convert it and break the signature (RFC 8551 section 3.1.2, RFC 3156 section 3). Multipart bodies
 * and {@code message/rfc822} parts are walked; boundaries, header fields and parts that are already 7-bit stay byte
 * for byte as they were. A preamble or epilogue with 8-bit bytes (which no client shows) is dropped.
 *
 * <p>Stateless and thread-safe.
 */
final class SevenBitEntity {

    private static final byte[] CRLF = {'\r', '\n'};

    private SevenBitEntity() {
    }

    /**
     * The entity with 7-bit transfer encodings only.
     *
     * @param entity the entity (header fields, blank line, body), CRLF line ends
     * @return the same array if it has no 8-bit bytes, else the re-encoded entity
     */
    static byte[] encode(byte[] entity) {
        if (sevenBit(entity, 0, entity.length)) {
            return entity;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(entity.length + entity.length / 3 + 1024);
        try {
            write(entity, out, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(byte[] entity, OutputStream out, int depth) throws IOException {
        if (depth > 50 || sevenBit(entity, 0, entity.length)) {
            out.write(entity);
            return;
        }
        if (entity.length >= 2 && entity[0] == '\r' && entity[1] == '\n') {
            // no header fields: text/plain; charset=us-ascii by default, so 8-bit text
            out.write("Content-Transfer-Encoding: quoted-printable\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            encodeBody(Arrays.copyOfRange(entity, 2, entity.length), "quoted-printable", out);
            return;
        }
        if (!(MimeMessageParts.parse(entity) instanceof MimeMessageParts.Message message)) {
            out.write(entity);
            return;
        }
        MimeMessageParts parts = message.parts();
        ContentType type = contentType(parts);
        byte[] body = parts.body();
        if (type.getPrimaryType().equalsIgnoreCase("multipart") && type.getParameter("boundary") != null) {
            writeHeader(parts, null, out);
            writeMultipart(body, type.getParameter("boundary"), out, depth);
        } else if (type.match("message/rfc822")) {
            writeHeader(parts, null, out);
            write(body, out, depth + 1);
        } else {
            String encoding = parts.field("Content-Transfer-Encoding")
                    .map(f -> f.value().strip().toLowerCase(Locale.ROOT)).orElse("7bit");
            if (!encoding.equals("8bit") && !encoding.equals("binary") && !encoding.equals("7bit")) {
                out.write(entity); // already quoted-printable or base64
                return;
            }
            String target = type.getPrimaryType().equalsIgnoreCase("text") ? "quoted-printable" : "base64";
            writeHeader(parts, target, out);
            encodeBody(body, target, out);
        }
    }

    private static ContentType contentType(MimeMessageParts parts) {
        String value = parts.field("Content-Type").map(MimeMessageParts.Field::value).orElse("text/plain");
        try {
            return new ContentType(value.replaceAll("\r\n[ \t]", " "));
        } catch (ParseException e) {
            try {
                return new ContentType("application/octet-stream");
            } catch (ParseException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static void writeHeader(MimeMessageParts parts, String encoding, OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder();
        for (MimeMessageParts.Field field : parts.fields()) {
            if (encoding == null || !field.name().equalsIgnoreCase("Content-Transfer-Encoding")) {
                head.append(field.raw()).append("\r\n");
            }
        }
        if (encoding != null) {
            head.append("Content-Transfer-Encoding: ").append(encoding).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void encodeBody(byte[] body, String encoding, OutputStream out) throws IOException {
        try {
            OutputStream encoder = MimeUtility.encode(new NonClosing(out), encoding);
            encoder.write(body);
            encoder.flush();
            encoder.close();
        } catch (MessagingException e) {
            throw new IllegalStateException("JavaMail has no " + encoding + " encoder", e);
        }
        if (encoding.equals("base64")) {
            out.write(CRLF);
        }
    }

    /**
     * Walks a multipart body: the CRLF before each delimiter line belongs to the delimiter (RFC 2046 5.1.1).
     */
    private static void writeMultipart(byte[] body, String boundary, OutputStream out, int depth) throws IOException {
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int first = delimiter(body, dash, 0);
        if (first < 0) {
            out.write(sevenBit(body, 0, body.length) ? body : new byte[0]);
            return;
        }
        if (sevenBit(body, 0, first)) {
            out.write(body, 0, first);
        } else if (first > 0) {
            out.write(CRLF); // the preamble dropped; keep the CRLF that precedes the delimiter
        }
        int at = first;
        while (true) {
            int lineEnd = lineEnd(body, at);
            boolean close = at + dash.length + 1 < body.length && body[at + dash.length] == '-'
                    && body[at + dash.length + 1] == '-';
            if (close) {
                out.write(body, at, lineEnd - at);
                if (sevenBit(body, lineEnd, body.length)) {
                    out.write(body, lineEnd, body.length - lineEnd);
                } else if (lineEnd < body.length) {
                    out.write(CRLF);
                }
                return;
            }
            out.write(body, at, lineEnd - at); // the delimiter line with its CRLF
            int next = delimiter(body, dash, lineEnd);
            int partEnd = next < 0 ? body.length : next - 2; // without the CRLF of the next delimiter
            write(Arrays.copyOfRange(body, lineEnd, Math.max(lineEnd, partEnd)), out, depth + 1);
            if (next < 0) {
                return; // no closing delimiter: keep what there is
            }
            out.write(CRLF);
            at = next;
        }
    }

    /** The offset of the next delimiter line ({@code --boundary} at a line start) from {@code from}, or -1. */
    private static int delimiter(byte[] body, byte[] dash, int from) {
        for (int i = from; i <= body.length - dash.length; i++) {
            if ((i == 0 || (i >= 2 && body[i - 2] == '\r' && body[i - 1] == '\n')) && startsWith(body, i, dash)
                    && endsDelimiter(body, i + dash.length)) {
                return i;
            }
        }
        return -1;
    }

    /** After {@code --boundary}: end of input, CRLF, white space or the closing {@code --}. */
    private static boolean endsDelimiter(byte[] body, int at) {
        return at >= body.length || body[at] == '\r' || body[at] == ' ' || body[at] == '\t' || body[at] == '-';
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        for (int j = 0; j < prefix.length; j++) {
            if (body[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    private static int lineEnd(byte[] body, int from) {
        for (int i = from; i < body.length - 1; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i + 2;
            }
        }
        return body.length;
    }

    private static boolean sevenBit(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0 || bytes[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /** Lets the encoder flush its last line without closing the output underneath. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
