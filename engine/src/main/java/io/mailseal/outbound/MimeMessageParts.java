package io.mailseal.outbound;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 5322 message split into its header fields and its body, without decoding either: the body and every field's
 * bytes survive unchanged (line ends made canonical CRLF). Fields whose name starts with {@code Content-} belong to
 * the MIME entity that is encrypted; the others are routing headers that stay outside.
 *
 * <p>Immutable and thread-safe. The body is not copied: it stays a slice of the (canonicalised) message, so a 50 MB
 * message is held once.
 */
public final class MimeMessageParts {

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

    private final List<Field> fields;
    private final byte[] data;
    private final int bodyOffset;

    private MimeMessageParts(List<Field> fields, byte[] data, int bodyOffset) {
        this.fields = List.copyOf(fields);
        this.data = data;
        this.bodyOffset = bodyOffset;
    }

    /**
     * The header fields in order.
     *
     * @return the fields, each with its folded raw text
     */
    public List<Field> fields() {
        return fields;
    }

    /**
     * A copy of the body (CRLF line ends).
     *
     * @return the body bytes
     */
    public byte[] body() {
        return Arrays.copyOfRange(data, bodyOffset, data.length);
    }

    /**
     * The body's size.
     *
     * @return bytes
     */
    public int bodyLength() {
        return data.length - bodyOffset;
    }

    /**
     * The body as a stream, without copying it.
     *
     * @return a stream over the body
     */
    public InputStream bodyStream() {
        return new ByteArrayInputStream(data, bodyOffset, data.length - bodyOffset);
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
        int end = headerEnd(canonical);
        String head;
        int bodyOffset;
        if (end < 0) {
            head = new String(canonical, StandardCharsets.ISO_8859_1);
            head = head.endsWith("\r\n") ? head.substring(0, head.length() - 2) : head;
            bodyOffset = canonical.length;
        } else {
            head = new String(canonical, 0, end, StandardCharsets.ISO_8859_1);
            bodyOffset = end + 4;
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
        return new Message(new MimeMessageParts(fields, canonical, bodyOffset));
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
        try (InputStream entity = entityStream()) {
            return entity.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The entity as a stream: its header section, then the body, which is not copied.
     *
     * @return the entity stream
     */
    public InputStream entityStream() {
        StringBuilder head = new StringBuilder();
        boolean hasType = false;
        for (Field field : fields) {
            if (field.content()) {
                hasType |= field.name().equalsIgnoreCase("Content-Type");
                head.append(field.raw()).append("\r\n");
            }
        }
        if (!hasType) {
            head.append("Content-Type: text/plain; charset=us-ascii\r\n");
        }
        head.append("\r\n");
        return new SequenceInputStream(new ByteArrayInputStream(head.toString().getBytes(StandardCharsets.ISO_8859_1)),
                bodyStream());
    }

    /** The index of the blank line (CRLF CRLF) that ends the header section, or -1. */
    private static int headerEnd(byte[] data) {
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isCanonical(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\r' ? i + 1 >= data.length || data[i + 1] != '\n' : data[i] == '\n' && (i == 0
                    || data[i - 1] != '\r')) {
                return false;
            }
        }
        return true;
    }

    private static Field toField(String raw) {
        return new Field(raw.substring(0, raw.indexOf(':')).strip(), raw);
    }

    /** Bare LF and bare CR become CRLF; data that is already canonical is returned as it is, not copied. */
    static byte[] canonical(byte[] data) {
        if (isCanonical(data)) {
            return data;
        }
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
