package io.mailseal.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay mode: the same SMTP endpoint on a TCP port of 127.0.0.1 only, for an admin who points Confluence's SMTP
 * setting at it (confluence-platform.md A.6). Clients must authenticate (AUTH PLAIN or LOGIN) with the user and the
 * generated secret before MAIL, so no other local process can relay through it. Connections are served by a bounded
 * pool; a client that says nothing for the idle timeout is disconnected; when every worker is still busy a second
 * after a new connection arrived, it is answered 421 and closed, so Confluence retries. (The second covers a client
 * that reconnects right after QUIT, before the worker that served it is free again.)
 *
 * <p>Thread-safe. {@link #close()} stops accepting, closes open connections (a message in the middle of DATA is
 * dropped; its client never got a 250 and keeps it) and waits briefly for the workers.
 */
public final class LoopbackSmtpRelay implements AutoCloseable {

    private static final long BUSY_GRACE_MILLIS = 1_000;

    private final ServerSocket listener;
    private final ExecutorService workers;
    private final MessageSink sink;
    private final SmtpConversation.Limits limits;
    private final int idleMillis;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final Semaphore slots;

    private LoopbackSmtpRelay(ServerSocket listener, MessageSink sink, SmtpConversation.Limits limits,
                              int maxConnections, Duration idle) {
        this.listener = listener;
        this.sink = sink;
        this.limits = limits;
        this.idleMillis = (int) Math.min(Integer.MAX_VALUE, idle.toMillis());
        AtomicInteger count = new AtomicInteger();
        this.slots = new Semaphore(maxConnections);
        // the semaphore bounds the connections served; a thread that released its slot may not be back in the pool
        // yet, so the pool may briefly need twice as many threads
        this.workers = new ThreadPoolExecutor(0, 2 * maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "mailseal-relay-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.acceptor = new Thread(this::accept, "mailseal-relay-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Starts a relay on 127.0.0.1.
     *
     * @param port           the port; 0 for any free one
     * @param user           the user name clients authenticate with
     * @param secret         the secret they authenticate with (the generated one)
     * @param sink           takes each message
     * @param maxConnections the most connections served at once (e.g. 16)
     * @param idle           how long a silent client is kept (e.g. 2 minutes)
     * @return the running relay
     * @throws UncheckedIOException naming the port if it cannot be bound
     */
    public static LoopbackSmtpRelay start(int port, String user, String secret, MessageSink sink, int maxConnections,
                                          Duration idle) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < 16) {
            throw new IllegalArgumentException("the relay secret must have at least 16 characters");
        }
        byte[] expectedUser = user.getBytes(StandardCharsets.UTF_8);
        byte[] expectedSecret = secret.getBytes(StandardCharsets.UTF_8);
        SmtpConversation.Login login = (u, p) -> MessageDigest.isEqual(expectedUser, u.getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual(expectedSecret, p.getBytes(StandardCharsets.UTF_8));
        ServerSocket listener;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("the Mailseal relay cannot listen on 127.0.0.1:" + port + ": "
                    + e.getMessage(), e);
        }
        LoopbackSmtpRelay relay = new LoopbackSmtpRelay(listener, sink, new SmtpConversation.Limits("mailseal.relay",
                64L << 20, 10_000, login), maxConnections, idle);
        relay.acceptor.start();
        return relay;
    }

    /**
     * The port the relay listens on.
     *
     * @return the port on 127.0.0.1
     */
    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                if (!slots.tryAcquire(BUSY_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    refuse(socket);
                    continue;
                }
            } catch (InterruptedException e) {
                refuse(socket);
                return;
            }
            try {
                workers.execute(() -> {
                    try {
                        serve(socket);
                    } finally {
                        slots.release();
                    }
                });
            } catch (RejectedExecutionException busy) {
                slots.release();
                refuse(socket);
            }
        }
    }

    private static void refuse(Socket socket) {
        try (socket) {
            socket.getOutputStream().write(new SmtpReply(421, "4.3.2 too many connections, try again later")
                    .wire());
        } catch (IOException ignored) {
            // the client is gone already
        }
    }

    private void serve(Socket socket) {
        open.add(socket);
        try (socket) {
            socket.setSoTimeout(idleMillis);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            SmtpConversation conversation = new SmtpConversation(sink, limits, reply -> {
                try {
                    out.write(reply);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] buffer = new byte[16 * 1024];
            while (!conversation.closed()) {
                int n = in.read(buffer);
                if (n < 0) {
                    conversation.abort();
                    break;
                }
                conversation.receive(buffer, 0, n);
            }
        } catch (IOException | UncheckedIOException e) {
            // timed out, reset or closed: any half-received message is dropped and stays with the client
        } finally {
            open.remove(socket);
        }
    }

    /**
     * How many connections are being served now.
     *
     * @return the count
     */
    public int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : Collections.unmodifiableSet(open)) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdownNow();
        try {
            acceptor.join(2000);
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LoopbackSmtpRelay[127.0.0.1:" + port() + "]";
    }
}
