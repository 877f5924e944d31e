package io.mailseal.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;
import javax.net.SocketFactory;

/**
 * Hands out {@link InMemorySmtpSocket}s that talk to Mailseal's SMTP endpoint. Put the factory object into a JavaMail
 * session as {@code mail.smtp.socketFactory} and {@code mail.smtp.ssl.socketFactory} (with
 * {@code ...socketFactory.fallback=false}) and the session's transport delivers to the endpoint whatever host and port
 * it was configured with.
 *
 * <p>It is deliberately a plain {@link SocketFactory}, not an {@code SSLSocketFactory}: JavaMail 1.6 treats an SSL
 * factory as a layer over a plain socket that it connects to the real host itself, and only asks a plain factory for
 * the socket. The socket it makes is an {@code SSLSocket}, so JavaMail adds no TLS of its own.
 *
 * <p>The factory remembers, per thread, the last socket it made, so the code that connected the transport can check
 * that the connection really went through it ({@link #takeLastSocket()}) and refuse it otherwise (fail closed). After
 * {@link #shutDown()} new connections are greeted with 421 and refused.
 *
 * <p>Thread-safe.
 */
public final class InMemorySmtpSocketFactory extends SocketFactory {

    private final MessageSink sink;
    private final SmtpConversation.Limits limits;
    private final ThreadLocal<InMemorySmtpSocket> last = new ThreadLocal<>();
    private volatile boolean open = true;

    /**
     * A factory for one endpoint.
     *
     * @param sink   takes each message at the end of DATA
     * @param limits the endpoint's name and limits (no AUTH: the in-memory endpoint needs none)
     */
    public InMemorySmtpSocketFactory(MessageSink sink, SmtpConversation.Limits limits) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Stops taking connections: new ones get {@code 421} and end. */
    public void shutDown() {
        open = false;
    }

    /**
     * The last socket this factory made on the calling thread, forgotten as it is returned.
     *
     * @return the socket, or null if none was made on this thread since the last call
     */
    public InMemorySmtpSocket takeLastSocket() {
        InMemorySmtpSocket socket = last.get();
        last.remove();
        return socket;
    }

    /** Forgets the calling thread's last socket (before a connection attempt whose socket is to be checked). */
    public void forgetLastSocket() {
        last.remove();
    }

    @Override
    public Socket createSocket() {
        InMemorySmtpSocket socket = new InMemorySmtpSocket(replies -> {
            if (open) {
                return new SmtpConversation(sink, limits, replies);
            }
            replies.accept(new SmtpReply(421, "4.3.2 Mailseal is stopping, try again later").wire());
            SmtpConversation refused = new SmtpConversation((envelope, message) -> SmtpReply.retryLater(
                    "4.3.2 Mailseal is stopping"), limits, ignored -> { });
            refused.abort();
            return refused;
        });
        last.set(socket);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(InetSocketAddress.createUnresolved(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket(address, port);
    }
}
