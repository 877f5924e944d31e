package io.mailseal.sandbox.mail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small SMTP server that accepts every message and hands it to the {@link Mailbox}: the sandbox's "upstream" mail
 * server, where the plugin's mail hook delivers what it encrypted. It listens on 127.0.0.1 only, speaks enough of
 * RFC 5321 for JavaMail (EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT; no AUTH, no STARTTLS),
 * and bounds itself: at most {@value #WORKERS} connections at once (more get 421), {@value #IDLE_TIMEOUT_MILLIS} ms
 * idle timeout, {@value #MAX_MESSAGE_BYTES} bytes per message, {@value #MAX_RECIPIENTS} recipients, 1000-byte
 * command lines.
 *
 * <p>Thread-safe: an acceptor thread and a bounded pool of connection workers; {@link #close()} stops them.
 */
public final class SmtpSink implements AutoCloseable {

    /** Connections served at once. */
    public static final int WORKERS = 4;
    /** How long a connection may be idle. */
    public static final int IDLE_TIMEOUT_MILLIS = 60_000;
    /** The largest message accepted. */
    public static final int MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
    /** The most recipients of one message. */
    public static final int MAX_RECIPIENTS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSink.class);
    private static final Pattern PATH = Pattern.compile("^(?:MAIL FROM|RCPT TO):\\s*<([^>]*)>.*$",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_LINE = 1000;

    private final Mailbox mailbox;
    private final ServerSocket server;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private SmtpSink(Mailbox mailbox, ServerSocket server) {
        this.mailbox = mailbox;
        this.server = server;
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(1), runnable -> {
            Thread thread = new Thread(runnable, "sandbox-smtp-sink");
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::accept, "sandbox-smtp-acceptor");
        this.acceptor.setDaemon(true);
    }

    /**
     * Starts the sink on 127.0.0.1 on a free port.
     *
     * @param mailbox where messages go
     * @return the running sink
     * @throws IOException if no port can be bound
     */
    public static SmtpSink start(Mailbox mailbox) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        SmtpSink sink = new SmtpSink(Objects.requireNonNull(mailbox, "mailbox"), socket);
        sink.acceptor.start();
        return sink;
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * The host it listens on.
     *
     * @return {@code 127.0.0.1}
     */
    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    /** Stops accepting, closes every open connection and waits for the workers. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the SMTP sink's socket", e);
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing an SMTP connection", e);
            }
        }
        workers.shutdownNow();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("the SMTP sink cannot accept a connection", e);
                }
                continue;
            }
            try {
                workers.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                try (socket; OutputStream out = socket.getOutputStream()) {
                    out.write("421 4.3.2 too many connections, try again later\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the client is gone
                }
            }
        }
    }

    private void serve(Socket socket) {
        open.add(socket);
        try (socket) {
            socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            reply(out, "220 127.0.0.1 Mailseal sandbox SMTP sink ready");
            String from = null;
            List<String> recipients = new ArrayList<>();
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT)
                        : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-127.0.0.1\r\n250-8BITMIME\r\n250-SIZE " + MAX_MESSAGE_BYTES
                            + "\r\n250 OK");
                    case "HELO" -> reply(out, "250 127.0.0.1");
                    case "MAIL" -> {
                        Matcher path = PATH.matcher(line);
                        if (!path.matches()) {
                            reply(out, "501 5.5.4 syntax: MAIL FROM:<address>");
                        } else {
                            from = path.group(1);
                            recipients.clear();
                            reply(out, "250 2.1.0 OK");
                        }
                    }
                    case "RCPT" -> {
                        Matcher path = PATH.matcher(line);
                        if (from == null) {
                            reply(out, "503 5.5.1 MAIL first");
                        } else if (!path.matches() || path.group(1).isBlank()) {
                            reply(out, "501 5.5.4 syntax: RCPT TO:<address>");
                        } else if (recipients.size() >= MAX_RECIPIENTS) {
                            reply(out, "452 4.5.3 too many recipients");
                        } else {
                            recipients.add(path.group(1));
                            reply(out, "250 2.1.5 OK");
                        }
                    }
                    case "DATA" -> {
                        if (from == null || recipients.isEmpty()) {
                            reply(out, "503 5.5.1 MAIL and RCPT first");
                            continue;
                        }
                        reply(out, "354 end data with <CR><LF>.<CR><LF>");
                        byte[] message = readData(in);
                        if (message == null) {
                            reply(out, "552 5.3.4 message too big");
                        } else {
                            StoredMail stored = mailbox.receive(from, recipients, message);
                            reply(out, "250 2.0.0 OK queued as " + stored.id());
                        }
                        from = null;
                        recipients.clear();
                    }
                    case "RSET" -> {
                        from = null;
                        recipients.clear();
                        reply(out, "250 2.0.0 OK");
                    }
                    case "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 command not implemented");
                }
            }
        } catch (SocketException e) {
            LOG.debug("SMTP connection closed", e);
        } catch (IOException | RuntimeException e) {
            LOG.warn("SMTP connection failed: {}", e.toString());
        } finally {
            open.remove(socket);
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A command line without its CRLF, or null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("command line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return null;
    }

    /** The message up to the lone dot, dot-unstuffed, lines ending in CRLF; null if too big (then drained). */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooBig = false;
        int b;
        while ((b = in.read()) != -1) {
            if (b != '\n') {
                if (line.size() > MAX_MESSAGE_BYTES) {
                    throw new IOException("a DATA line longer than " + MAX_MESSAGE_BYTES + " bytes");
                }
                line.write(b);
                continue;
            }
            byte[] bytes = line.toByteArray();
            line.reset();
            int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            if (end == 1 && bytes[0] == '.') {
                return tooBig ? null : message.toByteArray();
            }
            int start = end > 0 && bytes[0] == '.' ? 1 : 0;
            if (!tooBig) {
                message.write(bytes, start, end - start);
                message.write('\r');
                message.write('\n');
                tooBig = message.size() > MAX_MESSAGE_BYTES;
                if (tooBig) {
                    message.reset();
                }
            }
        }
        throw new IOException("connection closed during DATA");
    }
}
