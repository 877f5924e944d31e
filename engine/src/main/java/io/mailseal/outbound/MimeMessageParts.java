package io.mailseal.outbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 5322 message split into its header fields and its body, without decoding either: the body and every field's
 * bytes survive unchanged (line ends made canonical CRLF). Fields whose name starts with {@code Content-} belong to
 * the MIME entity that is encrypted; the others are routing headers that stay outside.
 *
 * <p>Immutable and thread-safe.
 *
 * @param fields the header fields in order, each with its folded raw text (without the final CRLF)
 * @param body   the body, CRLF line ends
 */
public record MimeMessageParts(List<Field> fields, byte[] body) {

    /**
     * One header field.
     *
     * @param name the field name as written
     * @param raw  the whole field as written, folding included, without the final CRLF (ISO-8859-1 characters stand
     *             for raw bytes, so 8-bit headers survive)
     */
    public record Field(String name, String raw) {

        /**
         * The value, unfolded, without leading blanks.
         *
         * @return the raw value text
         */
        public String value() {
            return raw.substring(raw.indexOf(':') + 1).replaceAll("\r\n[ \t]", " ").strip();
        }

        /**
         * Whether the field describes the MIME entity (Content-Type, Content-Transfer-Encoding, ...).
         *
         * @return true for {@code Content-*} fields
         */
        public boolean content() {
            return name.toLowerCase(Locale.ROOT).startsWith("content-");
        }
    }

    /** Copies. */
    public MimeMessageParts {
        fields = List.copyOf(fields);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** What parsing gave: the parts, or why the bytes are not a message. */
    public sealed interface Parsed {
    }

    /**
     * A message.
     *
     * @param parts the parts
     */
    public record Message(MimeMessageParts parts) implements Parsed {
    }

    /**
     * Not a message.
     *
     * @param reason why
     */
    public record NotAMessage(String reason) implements Parsed {
    }

    /**
     * Splits a message.
     *
     * @param message the bytes as received at the end of SMTP DATA (dot-unstuffed)
     * @return the parts, or why they are not a message
     */
    public static Parsed parse(byte[] message) {
        Objects.requireNonNull(message, "message");
        byte[] canonical = canonical(message);
        String text = new String(canonical, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head;
        byte[] body;
        if (end < 0) {
            head = text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text;
            body = new byte[0];
        } else {
            head = text.substring(0, end);
            body = java.util.Arrays.copyOfRange(canonical, end + 4, canonical.length);
        }
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        int lineNumber = 0;
        for (String line : head.split("\r\n", -1)) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (current == null) {
                    return new NotAMessage("header line " + lineNumber + " continues a field that does not exist");
                }
                current.append("\r\n").append(line);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).strip().chars().allMatch(c -> c > 32 && c < 127)) {
                return new NotAMessage("header line " + lineNumber + " is not a header field: "
                        + line.substring(0, Math.min(line.length(), 40)));
            }
            if (current != null) {
                fields.add(toField(current.toString()));
            }
            current = new StringBuilder(line);
        }
        if (current != null) {
            fields.add(toField(current.toString()));
        }
        if (fields.isEmpty()) {
            return new NotAMessage("no header fields");
        }
        return new Message(new MimeMessageParts(fields, body));
    }

    /**
     * The first field of a name.
     *
     * @param name the field name, any case
     * @return the field, if present
     */
    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Every field of a name.
     *
     * @param name the field name, any case
     * @return the fields, in order
     */
    public List<Field> all(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).toList();
    }

    /**
     * The MIME entity that is encrypted or signed: the {@code Content-*} fields (a plain-text Content-Type if there is
     * none) and the body.
     *
     * @return the entity bytes, CRLF line ends
     */
    public byte[] entity() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
        boolean hasType = false;
        for (Field field : fields) {
            if (field.content()) {
                hasType |= field.name().equalsIgnoreCase("Content-Type");
                out.writeBytes((field.raw() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        if (!hasType) {
            out.writeBytes("Content-Type: text/plain; charset=us-ascii\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static Field toField(String raw) {
        return new Field(raw.substring(0, raw.indexOf(':')).strip(), raw);
    }

    /** Bare LF and bare CR become CRLF. */
    static byte[] canonical(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 50 + 16);
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < data.length && data[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
