package io.mailseal.imports;

import io.mailseal.imports.ImportProblem.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads an import file line by line and hands each line with content to a parser, taking care of what both import
 * formats share:
 * <ul>
 *   <li>a UTF-8 byte-order mark at the start, line ends {@code \n} or {@code \r\n}, blank lines (skipped);</li>
 *   <li>the termination line {@code #####} (only blank lines may follow it);</li>
 *   <li>bounds: a line longer than {@link ImportLimits#maxLineLength()} is a problem and is skipped without being held
 *       in memory; after {@link ImportLimits#maxLines()} lines reading stops;</li>
 *   <li>from a byte stream, strict UTF-8: a line that is not valid UTF-8 is a problem (with the column where decoding
 *       failed);</li>
 *   <li>control characters other than tab are a problem.</li>
 * </ul>
 * Never holds more than one line (and a fixed buffer) of the file.
 *
 * <p>Stateless and thread-safe; each call reads one file.
 */
public final class ImportScanner {

    /** The line that ends an import file. */
    public static final String TERMINATION = "#####";

    /**
     * What a parser does with one line.
     */
    @FunctionalInterface
    public interface LineHandler {

        /**
         * Parses one line with content: not blank, not the termination line, within bounds, no control characters.
         *
         * @param number the line number, from 1
         * @param text   the line without line end and, on line 1, without byte-order mark
         */
        void line(int number, String text);
    }

    /**
     * How reading ended.
     *
     * @param lines      how many lines were read (blank lines count)
     * @param terminated whether the termination line {@code #####} was read
     * @param stopped    whether reading stopped before the end of the file (too many lines, or content after the
     *                   termination line); a problem says why
     */
    public record Summary(int lines, boolean terminated, boolean stopped) {
    }

    private ImportScanner() {
    }

    /**
     * Reads a UTF-8 byte stream to its end (or to where reading stops). The stream is not closed.
     *
     * @param in       the file's bytes
     * @param limits   the bounds
     * @param problems where problems go (their file name is used in messages)
     * @param handler  the parser
     * @return how reading ended
     * @throws ImportReadException if reading fails
     */
    public static Summary scan(InputStream in, ImportLimits limits, ImportProblems problems, LineHandler handler) {
        Objects.requireNonNull(in, "in");
        return scan(new ByteLines(in, limits.maxLineLength()), limits, problems, handler);
    }

    /**
     * Reads characters to their end (or to where reading stops). The reader is not closed.
     *
     * @param in       the file's characters
     * @param limits   the bounds
     * @param problems where problems go (their file name is used in messages)
     * @param handler  the parser
     * @return how reading ended
     * @throws ImportReadException if reading fails
     */
    public static Summary scan(Reader in, ImportLimits limits, ImportProblems problems, LineHandler handler) {
        Objects.requireNonNull(in, "in");
        return scan(new CharLines(in, limits.maxLineLength()), limits, problems, handler);
    }

    private static Summary scan(Lines source, ImportLimits limits, ImportProblems problems, LineHandler handler) {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(problems, "problems");
        Objects.requireNonNull(handler, "handler");
        int number = 0;
        int terminationLine = 0;
        try {
            while (source.next()) {
                number++;
                if (number > limits.maxLines()) {
                    problems.add(number, 0, Kind.TOO_MANY_LINES, "more than " + limits.maxLines()
                            + " lines: the rest of the file was not read; split it into several files");
                    return new Summary(number, terminationLine > 0, true);
                }
                String text = source.text();
                if (number == 1 && text != null && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1);
                }
                if (text != null && text.isBlank()) {
                    continue;
                }
                if (terminationLine > 0) {
                    problems.add(number, 0, Kind.AFTER_TERMINATION, "only blank lines may follow the termination line "
                            + TERMINATION + " (line " + terminationLine + "); the rest of the file was not read");
                    return new Summary(number, true, true);
                }
                if (text == null || text.length() > limits.maxLineLength()) {
                    if (source.badByteColumn() > 0) {
                        problems.add(number, source.badByteColumn(), Kind.NOT_UTF8,
                                "not valid UTF-8 (the file must be saved as UTF-8)");
                    } else {
                        problems.add(number, 0, Kind.LINE_TOO_LONG,
                                "line longer than " + limits.maxLineLength() + " characters: not read");
                    }
                    continue;
                }
                if (text.strip().equals(TERMINATION)) {
                    terminationLine = number;
                    continue;
                }
                int control = controlCharacter(text);
                if (control >= 0) {
                    problems.add(number, control + 1, Kind.SYNTAX, String.format(
                            "control character U+%04X is not allowed", (int) text.charAt(control)));
                    continue;
                }
                handler.line(number, text);
            }
        } catch (IOException e) {
            throw new ImportReadException(ImportReadException.Code.READ_FAILED,
                    "reading " + problems.file() + " failed after line " + number + ": " + e.getMessage(), e);
        }
        return new Summary(number, terminationLine > 0, false);
    }

    private static int controlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A source of lines without their line end ({@code \n} or {@code \r\n}); {@link #text()} is null for a line that
     * was too long or not UTF-8.
     */
    private interface Lines {

        boolean next() throws IOException;

        String text();

        /** The column (from 1) where UTF-8 decoding failed on the current line, or 0. */
        int badByteColumn();
    }

    /** Lines of a UTF-8 byte stream, split at {@code \n}, decoded strictly. */
    private static final class ByteLines implements Lines {

        private final InputStream in;
        private final byte[] buffer = new byte[16384];
        /** Up to 4 bytes a character, plus a byte-order mark and a CR. */
        private final byte[] line;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final CharBuffer chars;
        private int position;
        private int limit;
        private int length;
        private boolean overflow;
        private String text;
        private int badByteColumn;

        ByteLines(InputStream in, int maxLineLength) {
            this.in = in;
            this.line = new byte[maxLineLength * 4 + 8];
            this.chars = CharBuffer.allocate(line.length);
        }

        @Override
        public boolean next() throws IOException {
            length = 0;
            overflow = false;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    int read = in.read(buffer);
                    position = 0;
                    limit = Math.max(read, 0);
                    if (read < 0) {
                        if (any) {
                            decode();
                        }
                        return any;
                    }
                }
                any = true;
                int newline = -1;
                for (int i = position; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        newline = i;
                        break;
                    }
                }
                int end = newline < 0 ? limit : newline;
                append(position, end - position);
                position = newline < 0 ? limit : newline + 1;
                if (newline >= 0) {
                    decode();
                    return true;
                }
            }
        }

        private void append(int from, int count) {
            if (overflow || count == 0) {
                return;
            }
            if (length + count > line.length) {
                overflow = true;
                return;
            }
            System.arraycopy(buffer, from, line, length, count);
            length += count;
        }

        private void decode() {
            badByteColumn = 0;
            text = null;
            if (overflow) {
                return;
            }
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            boolean ascii = true;
            for (int i = 0; i < length; i++) {
                if (line[i] < 0) {
                    ascii = false;
                    break;
                }
            }
            if (ascii) {
                text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
                return;
            }
            decoder.reset();
            chars.clear();
            ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
            CoderResult result = decoder.decode(bytes, chars, true);
            if (!result.isError()) {
                result = decoder.flush(chars);
            }
            if (result.isError()) {
                badByteColumn = chars.position() + 1;
                return;
            }
            chars.flip();
            text = chars.toString();
        }

        @Override
        public String text() {
            return text;
        }

        @Override
        public int badByteColumn() {
            return badByteColumn;
        }
    }

    /** Lines of a character stream, split at {@code \n}. */
    private static final class CharLines implements Lines {

        private final Reader in;
        private final char[] buffer = new char[8192];
        private final StringBuilder line = new StringBuilder(256);
        /** The longest line held: the limit plus a byte-order mark and a CR, and one more to see it is too long. */
        private final int cap;
        private int position;
        private int limit;
        private boolean overflow;

        CharLines(Reader in, int maxLineLength) {
            this.in = in;
            this.cap = maxLineLength + 3;
        }

        @Override
        public boolean next() throws IOException {
            line.setLength(0);
            overflow = false;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    int read = in.read(buffer);
                    position = 0;
                    limit = Math.max(read, 0);
                    if (read < 0) {
                        return any;
                    }
                }
                any = true;
                int newline = -1;
                for (int i = position; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        newline = i;
                        break;
                    }
                }
                int end = newline < 0 ? limit : newline;
                if (!overflow) {
                    if (line.length() + end - position > cap) {
                        overflow = true;
                        line.setLength(0);
                    } else {
                        line.append(buffer, position, end - position);
                    }
                }
                position = newline < 0 ? limit : newline + 1;
                if (newline >= 0) {
                    return true;
                }
            }
        }

        @Override
        public String text() {
            if (overflow) {
                return null;
            }
            int length = line.length();
            return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
        }

        @Override
        public int badByteColumn() {
            return 0;
        }
    }
}
