package io.mailseal.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Consumer;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A socket with Mailseal's SMTP endpoint at the other end, in memory: no port, no thread, no network. What the client
 * writes is handed to an {@link SmtpConversation} on the writing thread, and the conversation's replies are what the
 * client reads. It is an {@link SSLSocket} so that JavaMail neither wraps it in TLS nor tries STARTTLS; the
 * "handshake" does nothing, because no byte leaves the JVM.
 *
 * <p>Used by one client thread at a time (as JavaMail does); the methods are synchronized all the same. Every method
 * that would touch an operating-system socket is overridden, so none is ever created.
 */
public final class InMemorySmtpSocket extends SSLSocket {

    private static final String[] PROTOCOLS = {"TLSv1.3"};
    private static final String[] SUITES = {"TLS_AES_256_GCM_SHA384"};

    private final Function<Consumer<byte[]>, SmtpConversation> opening;
    private SmtpConversation conversation;
    private byte[] pending = new byte[1024];
    private int readAt;
    private int writeAt;
    private boolean connected;
    private boolean closed;
    private InetSocketAddress remote;
    private int timeout;
    private String[] enabledProtocols = PROTOCOLS;
    private String[] enabledSuites = SUITES;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();

    /**
     * A socket that opens a conversation when it is connected.
     *
     * @param opening makes the conversation, given where its replies go
     */
    InMemorySmtpSocket(Function<Consumer<byte[]>, SmtpConversation> opening) {
        this.opening = opening;
    }

    @Override
    public synchronized void connect(SocketAddress endpoint, int timeoutMillis) throws IOException {
        if (closed) {
            throw new SocketException("socket is closed");
        }
        if (connected) {
            throw new SocketException("already connected");
        }
        remote = endpoint instanceof InetSocketAddress inet ? inet
                : InetSocketAddress.createUnresolved("mailseal.invalid", 25);
        conversation = opening.apply(this::queue);
        connected = true;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public void bind(SocketAddress local) {
        // nothing to bind
    }

    private synchronized void queue(byte[] reply) {
        if (writeAt + reply.length > pending.length) {
            int live = writeAt - readAt;
            byte[] grown = live + reply.length > pending.length
                    ? new byte[Math.max(pending.length * 2, live + reply.length)] : pending;
            System.arraycopy(pending, readAt, grown, 0, live);
            pending = grown;
            readAt = 0;
            writeAt = live;
        }
        System.arraycopy(reply, 0, pending, writeAt, reply.length);
        writeAt += reply.length;
    }

    private synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new SocketException("socket is closed");
        }
        if (readAt == writeAt) {
            return -1; // nothing pending means the endpoint has nothing more to say: QUIT, or a client out of turn
        }
        int n = Math.min(length, writeAt - readAt);
        System.arraycopy(pending, readAt, buffer, offset, n);
        readAt += n;
        return n;
    }

    private synchronized void write(byte[] buffer, int offset, int length) throws IOException {
        if (closed || !connected) {
            throw new SocketException("socket is closed");
        }
        if (conversation.closed()) {
            throw new SocketException("the endpoint closed the connection");
        }
        conversation.receive(buffer, offset, length);
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        requireOpen();
        return input;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        requireOpen();
        return output;
    }

    private void requireOpen() throws SocketException {
        if (closed) {
            throw new SocketException("socket is closed");
        }
        if (!connected) {
            throw new SocketException("socket is not connected");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed && conversation != null && !conversation.closed()) {
            conversation.abort(); // a message in the middle of DATA is dropped: the client never got its 250
        }
        closed = true;
    }

    @Override
    public synchronized boolean isConnected() {
        return connected;
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isBound() {
        return connected;
    }

    @Override
    public InetAddress getInetAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public synchronized int getPort() {
        return remote == null ? 0 : remote.getPort();
    }

    @Override
    public synchronized SocketAddress getRemoteSocketAddress() {
        return remote;
    }

    @Override
    public InetAddress getLocalAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getLocalPort() {
        return -1;
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return null;
    }

    @Override
    public synchronized void setSoTimeout(int timeoutMillis) {
        timeout = timeoutMillis;
    }

    @Override
    public synchronized int getSoTimeout() {
        return timeout;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        // no TCP
    }

    @Override
    public boolean getTcpNoDelay() {
        return true;
    }

    @Override
    public void setKeepAlive(boolean on) {
        // no TCP
    }

    @Override
    public boolean getKeepAlive() {
        return false;
    }

    @Override
    public void setSoLinger(boolean on, int linger) {
        // no TCP
    }

    @Override
    public int getSoLinger() {
        return -1;
    }

    @Override
    public void setReceiveBufferSize(int size) {
        // no TCP
    }

    @Override
    public void setSendBufferSize(int size) {
        // no TCP
    }

    @Override
    public void shutdownInput() {
        // nothing to shut down
    }

    @Override
    public void shutdownOutput() {
        // nothing to shut down
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return SUITES.clone();
    }

    @Override
    public synchronized String[] getEnabledCipherSuites() {
        return enabledSuites.clone();
    }

    @Override
    public synchronized void setEnabledCipherSuites(String[] suites) {
        enabledSuites = Arrays.copyOf(suites, suites.length);
    }

    @Override
    public String[] getSupportedProtocols() {
        return PROTOCOLS.clone();
    }

    @Override
    public synchronized String[] getEnabledProtocols() {
        return enabledProtocols.clone();
    }

    @Override
    public synchronized void setEnabledProtocols(String[] protocols) {
        enabledProtocols = Arrays.copyOf(protocols, protocols.length);
    }

    /** There is no TLS session: nothing leaves the JVM. */
    @Override
    public SSLSession getSession() {
        return null;
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        // no handshake happens
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        // no handshake happens
    }

    @Override
    public void startHandshake() {
        // in memory: nothing to negotiate
    }

    @Override
    public void setUseClientMode(boolean mode) {
        // always the client's end
    }

    @Override
    public boolean getUseClientMode() {
        return true;
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        // no TLS
    }

    @Override
    public boolean getNeedClientAuth() {
        return false;
    }

    @Override
    public void setWantClientAuth(boolean want) {
        // no TLS
    }

    @Override
    public boolean getWantClientAuth() {
        return false;
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        // no TLS
    }

    @Override
    public boolean getEnableSessionCreation() {
        return false;
    }

    @Override
    public String toString() {
        return "InMemorySmtpSocket[connected=" + connected + ", closed=" + closed + "]";
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return InMemorySmtpSocket.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : InMemorySmtpSocket.this.read(b, off, len);
        }

        @Override
        public int available() {
            synchronized (InMemorySmtpSocket.this) {
                return writeAt - readAt;
            }
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            InMemorySmtpSocket.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            InMemorySmtpSocket.this.write(b, off, len);
        }
    }
}
