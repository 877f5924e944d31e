package io.mailseal.testkit.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's aiosmtpd ({@code python3-aiosmtpd}, run with {@code /usr/bin/python3}) as an upstream SMTP server on
 * 127.0.0.1 and a free port. Every accepted message is written to a directory as {@code <n>.eml}, headed by an
 * {@code X-Envelope-To} line; recipients whose local part starts with {@code reject} are refused with 550, those
 * starting with {@code later} with 451.
 *
 * <p>Not thread-safe to start and stop; {@link #messages()} may be read from any thread.
 */
public final class AiosmtpdServer implements AutoCloseable {

    private static final String SCRIPT = """
            import os, sys, uuid
            from aiosmtpd.controller import Controller

            out = sys.argv[2]

            class Handler:
                async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                    local = address.split('@')[0].lower()
                    if local.startswith('reject'):
                        return '550 5.1.1 <%s>: no such user here' % address
                    if local.startswith('later'):
                        return '451 4.3.0 <%s>: try again later' % address
                    envelope.rcpt_tos.append(address)
                    return '250 OK'

                async def handle_DATA(self, server, session, envelope):
                    name = os.path.join(out, uuid.uuid4().hex)
                    with open(name + '.tmp', 'wb') as f:
                        f.write(('X-Envelope-To: ' + ','.join(envelope.rcpt_tos) + '\\r\\n').encode('ascii'))
                        f.write(envelope.original_content)
                    os.rename(name + '.tmp', name + '.eml')
                    return '250 OK stored'

            controller = Controller(Handler(), hostname='127.0.0.1', port=int(sys.argv[1]))
            controller.start()
            print('READY', flush=True)
            sys.stdin.read()
            controller.stop()
            """;

    private final Process process;
    private final int port;
    private final Path mailbox;

    private AiosmtpdServer(Process process, int port, Path mailbox) {
        this.process = process;
        this.port = port;
        this.mailbox = mailbox;
    }

    /**
     * Starts the server and waits until it listens.
     *
     * @param dir a scratch directory for the script and the messages
     * @return the running server
     */
    public static AiosmtpdServer start(Path dir) {
        try {
            Path script = Files.writeString(dir.resolve("aiosmtpd-sink.py"), SCRIPT);
            Path mailbox = Files.createDirectories(dir.resolve("mailbox"));
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Process process = new ProcessBuilder("/usr/bin/python3", script.toString(), String.valueOf(port),
                    mailbox.toString()).redirectError(dir.resolve("aiosmtpd.log").toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII));
            String line = out.readLine(); // blocks until the controller listens, or the process ends
            if (!"READY".equals(line)) {
                process.destroyForcibly();
                throw new IllegalStateException("aiosmtpd did not start: " + Files.readString(
                        dir.resolve("aiosmtpd.log")));
            }
            return new AiosmtpdServer(process, port, mailbox);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The port on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The messages accepted so far, each as it arrived with its {@code X-Envelope-To} line first.
     *
     * @return the messages' bytes
     */
    public List<byte[]> messages() {
        try (Stream<Path> files = Files.list(mailbox)) {
            List<byte[]> messages = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                messages.add(Files.readAllBytes(file));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // the script stops its controller when stdin ends
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
