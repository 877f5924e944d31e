package io.mailseal.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What every real server the tests start on this machine needs: a free port on the loopback interface, and a stop
 * that never leaves a process behind.
 *
 * <p>Stateless and thread-safe.
 */
public final class LocalProcesses {

    private LocalProcesses() {
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago (bound on port 0, then closed). A server that loses the race
     * for it fails to start and is retried by its launcher.
     *
     * @return the port
     */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * Stops a process: TERM, wait up to {@code grace}, then KILL and wait again. Idempotent.
     *
     * @param process the process
     * @param grace   how long it may take to stop after TERM
     */
    public static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
