package io.mailseal.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The server side of one SMTP conversation (RFC 5321), as a synchronous state machine: bytes from the client go in
 * through {@link #receive}, replies come out through the consumer given at construction. It speaks EHLO/HELO, MAIL,
 * RCPT, DATA (with dot-unstuffing and a size limit), RSET, NOOP, VRFY, HELP and QUIT, and AUTH PLAIN/LOGIN when a
 * {@link Login} is set (relay mode); it never offers STARTTLS. At the end of DATA it hands the message to the
 * {@link MessageSink} on the calling thread and sends the sink's reply.
 *
 * <p>Not thread-safe: one conversation per connection, driven by one thread at a time.
 */
public final class SmtpConversation {

    /** Checks the credentials of AUTH PLAIN and AUTH LOGIN (relay mode). Implementations are thread-safe. */
    @FunctionalInterface
    public interface Login {
        /**
         * Whether the credentials are right; compare in constant time.
         *
         * @param user     the user name
         * @param password the password
         * @return true to let the client send
         */
        boolean accept(String user, String password);
    }

    /**
     * The endpoint's limits and identity.
     *
     * @param hostName        the name in the greeting and the EHLO reply
     * @param maxMessageBytes the largest message accepted (default 64 MB)
     * @param maxRecipients   the most recipients of one message (default 10,000)
     * @param login           the credential check; null for no AUTH (the in-memory endpoint)
     */
    public record Limits(String hostName, long maxMessageBytes, int maxRecipients, Login login) {

        /** Validates. */
        public Limits {
            Objects.requireNonNull(hostName, "hostName");
            if (maxMessageBytes < 1024 || maxRecipients < 1) {
                throw new IllegalArgumentException("limits too small");
            }
        }

        /**
         * The defaults without AUTH.
         *
         * @param hostName the name in the greeting
         * @return the limits
         */
        public static Limits defaults(String hostName) {
            return new Limits(hostName, 64L << 20, 10_000, null);
        }
    }

    private enum State { GREETED, READY, MAIL, DATA, AUTH_PLAIN, AUTH_USER, AUTH_PASSWORD, CLOSED }

    private static final int MAX_COMMAND_LINE = 2048;

    private final MessageSink sink;
    private final Limits limits;
    private final Consumer<byte[]> replies;
    private State state = State.GREETED;
    private boolean helloSeen;
    private boolean authenticated;
    private String authUser;
    private String sender;
    private final List<String> recipients = new ArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean lineTooLong;
    private DataBuffer data;

    /**
     * Starts a conversation and sends the greeting.
     *
     * @param sink    takes each message at the end of DATA
     * @param limits  name and limits
     * @param replies receives each reply's bytes, in order
     */
    public SmtpConversation(MessageSink sink, Limits limits, Consumer<byte[]> replies) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.replies = Objects.requireNonNull(replies, "replies");
        reply(220, limits.hostName() + " Mailseal ESMTP ready");
    }

    /**
     * Whether the conversation has ended (QUIT, or {@link #abort()}).
     *
     * @return true if no more input is taken
     */
    public boolean closed() {
        return state == State.CLOSED;
    }

    /**
     * Ends the conversation without a reply: the client went away. A message whose DATA was not complete is dropped
     * (the client did not get a 250, so it still has it).
     */
    public void abort() {
        state = State.CLOSED;
        data = null;
    }

    /**
     * Takes bytes from the client.
     *
     * @param bytes  the buffer
     * @param offset where the bytes start
     * @param length how many
     */
    public void receive(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int at = offset;
        int end = offset + length;
        while (at < end && state != State.CLOSED) {
            int lf = indexOf(bytes, at, end, (byte) '\n');
            int stop = lf < 0 ? end : lf + 1;
            if (state == State.DATA) {
                dataLine(bytes, at, stop - at, lf >= 0);
            } else {
                commandBytes(bytes, at, stop - at, lf >= 0);
            }
            at = stop;
        }
    }

    private void commandBytes(byte[] bytes, int offset, int length, boolean complete) {
        if (!lineTooLong) {
            if (line.size() + length > MAX_COMMAND_LINE) {
                lineTooLong = true;
                line.reset();
            } else {
                line.write(bytes, offset, length);
            }
        }
        if (!complete) {
            return;
        }
        if (lineTooLong) {
            lineTooLong = false;
            reply(500, "5.5.6 line too long");
            return;
        }
        String command = line.toString(StandardCharsets.ISO_8859_1);
        line.reset();
        command(command.endsWith("\r\n") ? command.substring(0, command.length() - 2)
                : command.substring(0, command.length() - 1));
    }

    private void command(String text) {
        switch (state) {
            case AUTH_PLAIN -> {
                authPlain(text);
                return;
            }
            case AUTH_USER -> {
                authUser = decode(text);
                if (authUser == null) {
                    authFailed("5.5.2 not base64");
                } else {
                    state = State.AUTH_PASSWORD;
                    reply(334, "UGFzc3dvcmQ6");
                }
                return;
            }
            case AUTH_PASSWORD -> {
                String password = decode(text);
                authResult(authUser, password);
                return;
            }
            default -> {
                // a command
            }
        }
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1).strip();
        switch (verb) {
            case "EHLO" -> ehlo(argument, true);
            case "HELO" -> ehlo(argument, false);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> data();
            case "RSET" -> {
                resetEnvelope();
                reply(250, "2.0.0 reset");
            }
            case "NOOP" -> reply(250, "2.0.0 ok");
            case "QUIT" -> {
                reply(221, "2.0.0 bye");
                state = State.CLOSED;
            }
            case "VRFY" -> reply(252, "2.1.5 cannot verify, but will try");
            case "HELP" -> reply(214, "2.0.0 EHLO MAIL RCPT DATA RSET NOOP QUIT");
            case "AUTH" -> auth(argument);
            case "STARTTLS" -> reply(502, "5.5.1 not offered");
            default -> reply(500, "5.5.2 unknown command");
        }
    }

    private void ehlo(String argument, boolean extended) {
        if (argument.isEmpty()) {
            reply(501, "5.5.4 a domain or address literal is required");
            return;
        }
        resetEnvelope();
        helloSeen = true;
        state = State.READY;
        if (!extended) {
            reply(250, limits.hostName());
            return;
        }
        List<String> lines = new ArrayList<>(List.of(limits.hostName(), "8BITMIME", "SIZE " + limits.maxMessageBytes()));
        if (limits.login() != null) {
            lines.add("AUTH PLAIN LOGIN");
        }
        StringBuilder multi = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            multi.append(250).append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i)).append("\r\n");
        }
        replies.accept(multi.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void mail(String argument) {
        if (!helloSeen) {
            reply(503, "5.5.1 EHLO first");
            return;
        }
        if (limits.login() != null && !authenticated) {
            reply(530, "5.7.0 authentication required");
            return;
        }
        if (state != State.READY) {
            reply(503, "5.5.1 nested MAIL command");
            return;
        }
        Path path = path(argument, "FROM:");
        if (path == null) {
            reply(501, "5.5.4 syntax: MAIL FROM:<address>");
            return;
        }
        for (String parameter : path.parameters()) {
            String upper = parameter.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SIZE=")) {
                try {
                    if (Long.parseLong(parameter.substring(5)) > limits.maxMessageBytes()) {
                        reply(552, "5.3.4 message too big, at most " + limits.maxMessageBytes() + " bytes");
                        return;
                    }
                } catch (NumberFormatException e) {
                    reply(501, "5.5.4 bad SIZE");
                    return;
                }
            }
        }
        sender = path.address();
        state = State.MAIL;
        reply(250, "2.1.0 sender ok");
    }

    private void rcpt(String argument) {
        if (state != State.MAIL) {
            reply(503, "5.5.1 MAIL first");
            return;
        }
        Path path = path(argument, "TO:");
        if (path == null || path.address().isEmpty()) {
            reply(501, "5.5.4 syntax: RCPT TO:<address>");
            return;
        }
        if (recipients.size() >= limits.maxRecipients()) {
            reply(452, "4.5.3 too many recipients, send the rest in another message");
            return;
        }
        recipients.add(path.address());
        reply(250, "2.1.5 recipient ok");
    }

    private void data() {
        if (state != State.MAIL || recipients.isEmpty()) {
            reply(503, "5.5.1 RCPT first");
            return;
        }
        state = State.DATA;
        data = new DataBuffer(limits.maxMessageBytes());
        reply(354, "end data with <CR><LF>.<CR><LF>");
    }

    private void dataLine(byte[] bytes, int offset, int length, boolean complete) {
        if (data.partial.size() > 0 || !complete) {
            // a line split across writes: collect it, then handle it whole
            data.partial.write(bytes, offset, length);
            if (!complete) {
                return;
            }
            byte[] whole = data.partial.toByteArray();
            data.partial.reset();
            wholeDataLine(whole, 0, whole.length);
            return;
        }
        wholeDataLine(bytes, offset, length);
    }

    private void wholeDataLine(byte[] bytes, int offset, int length) {
        boolean dot = length > 0 && bytes[offset] == '.';
        if (dot && (length == 2 && bytes[offset + 1] == '\n'
                || length == 3 && bytes[offset + 1] == '\r' && bytes[offset + 2] == '\n')) {
            endOfData();
            return;
        }
        data.append(bytes, dot ? offset + 1 : offset, dot ? length - 1 : length);
    }

    private void endOfData() {
        DataBuffer finished = data;
        data = null;
        Envelope envelope = new Envelope(sender, recipients);
        resetEnvelope();
        state = State.READY;
        if (finished.overflow) {
            reply(552, "5.3.4 message too big, at most " + limits.maxMessageBytes() + " bytes");
            return;
        }
        SmtpReply answer;
        try {
            answer = sink.accept(envelope, finished.bytes());
        } catch (RuntimeException | LinkageError e) {
            // fail closed: nothing is known to be sent, so the client keeps the message and retries (an error that
            // escaped to Confluence instead would make it log and drop the notification)
            answer = SmtpReply.retryLater("4.3.0 " + e.getClass().getSimpleName() + " while processing the message");
        }
        replies.accept(answer.wire());
    }

    private void auth(String argument) {
        if (limits.login() == null) {
            reply(503, "5.5.1 AUTH not offered");
            return;
        }
        if (!helloSeen || state != State.READY) {
            reply(503, "5.5.1 EHLO first, and not inside a transaction");
            return;
        }
        if (authenticated) {
            reply(503, "5.5.1 already authenticated");
            return;
        }
        String[] words = argument.split(" ", 2);
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        if (mechanism.equals("PLAIN")) {
            if (words.length == 2) {
                authPlain(words[1]);
            } else {
                state = State.AUTH_PLAIN;
                reply(334, "");
            }
        } else if (mechanism.equals("LOGIN")) {
            if (words.length == 2) {
                authUser = decode(words[1]);
                if (authUser == null) {
                    authFailed("5.5.2 not base64");
                    return;
                }
                state = State.AUTH_PASSWORD;
                reply(334, "UGFzc3dvcmQ6");
            } else {
                state = State.AUTH_USER;
                reply(334, "VXNlcm5hbWU6");
            }
        } else {
            reply(504, "5.5.4 unknown mechanism");
        }
    }

    private void authPlain(String response) {
        String decoded = decode(response);
        if (decoded == null) {
            authFailed("5.5.2 not base64");
            return;
        }
        String[] fields = decoded.split("\0", -1);
        if (fields.length != 3) {
            authFailed("5.5.2 malformed PLAIN response");
            return;
        }
        authResult(fields[1], fields[2]);
    }

    private void authResult(String user, String password) {
        authUser = null;
        if (user != null && password != null && limits.login().accept(user, password)) {
            authenticated = true;
            state = State.READY;
            reply(235, "2.7.0 authenticated");
        } else {
            authFailed("5.7.8 authentication failed");
        }
    }

    private void authFailed(String text) {
        authUser = null;
        state = State.READY;
        reply(535, text);
    }

    private static String decode(String base64) {
        if (base64.equals("*")) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void resetEnvelope() {
        sender = null;
        recipients.clear();
        if (state == State.MAIL) {
            state = State.READY;
        }
    }

    private void reply(int code, String text) {
        replies.accept(new SmtpReply(code, text).wire());
    }

    private record Path(String address, List<String> parameters) {
    }

    /** {@code FROM:<a@b> PARAM=1} or {@code TO:<a@b>}; also tolerates a space after the colon. */
    private static Path path(String argument, String prefix) {
        if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        String rest = argument.substring(prefix.length()).strip();
        if (!rest.startsWith("<")) {
            return null;
        }
        int close = rest.indexOf('>');
        if (close < 0) {
            return null;
        }
        String address = rest.substring(1, close).strip();
        int colon = address.indexOf(':'); // a source route "@a,@b:user@host" keeps the mailbox only
        if (address.startsWith("@") && colon > 0) {
            address = address.substring(colon + 1);
        }
        if (address.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            return null;
        }
        String parameters = rest.substring(close + 1).strip();
        return new Path(address, parameters.isEmpty() ? List.of() : Arrays.asList(parameters.split("\\s+")));
    }

    private static int indexOf(byte[] bytes, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** The message being received, up to the limit; past it only the fact of the overflow is kept. */
    private static final class DataBuffer {
        private final long max;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream(256);
        private byte[] buffer = new byte[64 * 1024];
        private int size;
        private boolean overflow;

        DataBuffer(long max) {
            this.max = max;
        }

        void append(byte[] bytes, int offset, int length) {
            if (overflow) {
                return;
            }
            if (size + (long) length > max) {
                overflow = true;
                buffer = null;
                return;
            }
            if (size + length > buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max((long) buffer.length * 2, size + length)));
            }
            System.arraycopy(bytes, offset, buffer, size, length);
            size += length;
        }

        byte[] bytes() {
            return buffer.length == size ? buffer : Arrays.copyOf(buffer, size);
        }
    }
}
