package io.mailseal.sandbox.web;

import io.mailseal.sandbox.host.CurrentRequest;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.servlet.DispatcherType;
import javax.servlet.Servlet;
import org.eclipse.jetty.ee8.nested.SessionHandler;
import org.eclipse.jetty.ee8.servlet.FilterHolder;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Embedded Jetty 12 with javax.servlet 4 (ee8): one web application at the root context path with in-memory
 * sessions (HttpOnly, SameSite=Lax cookies, 8 hours idle), the {@link SandboxFilter} in front of everything, and the
 * servlets given. It listens on one address only (127.0.0.1 by default), with idle and thread limits.
 *
 * <p>Thread-safe: Jetty is; build it, then {@link #start()} and {@link #close()} from one thread.
 */
public final class WebServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private WebServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Describes the server.
     *
     * @param address        where to listen (host and port; port 0 for a free one)
     * @param currentRequest where the filter makes each request current
     * @param servlets       servlets by path spec ({@code /}, {@code /login.action}, {@code /plugins/servlet/*}, ...)
     * @return the server, not started
     */
    public static WebServer create(InetSocketAddress address, CurrentRequest currentRequest,
                                   Map<String, Servlet> servlets) {
        Objects.requireNonNull(address, "address");
        QueuedThreadPool threads = new QueuedThreadPool(32, 4, 60_000);
        threads.setName("sandbox-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        SessionHandler sessions = context.getSessionHandler();
        sessions.setMaxInactiveInterval(8 * 60 * 60);
        sessions.setHttpOnly(true);
        sessions.setSameSite(HttpCookie.SameSite.LAX);
        sessions.getSessionCookieConfig().setName("JSESSIONID");
        context.addFilter(new FilterHolder(new SandboxFilter(currentRequest)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        for (Map.Entry<String, Servlet> servlet : new LinkedHashMap<>(servlets).entrySet()) {
            context.addServlet(new ServletHolder(servlet.getValue()), servlet.getKey());
        }
        server.setHandler(context.get());
        server.setStopTimeout(1_000);
        return new WebServer(server, connector);
    }

    /**
     * Starts listening.
     *
     * @throws Exception what Jetty throws, e.g. when the port is taken
     */
    public void start() throws Exception {
        server.start();
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops the server, letting running requests finish for up to a second. */
    @Override
    public void close() throws Exception {
        server.stop();
    }
}
