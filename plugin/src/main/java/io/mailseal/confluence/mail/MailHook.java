package io.mailseal.confluence.mail;

import com.atlassian.mail.MailFactory;
import com.atlassian.mail.server.MailServer;
import com.atlassian.mail.server.MailServerConfigurationHandler;
import com.atlassian.mail.server.MailServerManager;
import com.atlassian.mail.server.SMTPMailServer;
import com.atlassian.mail.server.auth.AuthenticationContext;
import com.atlassian.mail.server.auth.AuthenticationContextAware;
import io.mailseal.smtp.InMemorySmtpSocketFactory;
import io.mailseal.smtp.SmtpConversation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs Mailseal into Confluence's mail path on this node (confluence-platform.md A.5): it is the
 * {@code MailServerConfigurationHandler} of the host's mail server manager (and of
 * {@code MailFactory.getServerManager()} when that is another object), which Confluence calls on every server each
 * time it hands one out. The handler wraps the SMTP server's authentication context in an
 * {@link EncryptingAuthenticationContext} once (idempotent) with its own in-memory endpoint; JNDI session servers
 * cannot be covered and are reported instead. {@link #uninstall()} removes the handler, unwraps every server it
 * wrapped and makes the endpoints refuse new connections (421), leaving nothing of Mailseal in Confluence's mail
 * settings.
 *
 * <p>The handler slot is single (last writer wins) and Confluence's getter for it is protected, so a handler that was
 * there before cannot be read and chained; {@link #status()} tells whether ours is still the one in use.
 *
 * <p>Thread-safe: the set of wrapped servers is guarded by this object's lock.
 */
public final class MailHook implements MailServerConfigurationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MailHook.class);

    private final MailServerManager manager;
    private final Supplier<MailServerManager> factoryManager;
    private final MailPipeline pipeline;
    private final Set<SMTPMailServer> wrapped = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> jndiServers = new LinkedHashSet<>();
    private MailServerManager secondManager;
    private volatile boolean installed;

    /**
     * A hook for the host's mail server manager; {@code MailFactory.getServerManager()} is also covered.
     *
     * @param manager  the host's mail server manager (OSGi service)
     * @param pipeline what happens to each message
     */
    public MailHook(MailServerManager manager, MailPipeline pipeline) {
        this(manager, MailHook::factoryManager, pipeline);
    }

    /**
     * A hook with an explicit source for atlassian-mail's static manager.
     *
     * @param manager        the host's mail server manager
     * @param factoryManager atlassian-mail's static manager; may return null or throw when there is none
     * @param pipeline       what happens to each message
     */
    public MailHook(MailServerManager manager, Supplier<MailServerManager> factoryManager, MailPipeline pipeline) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.factoryManager = Objects.requireNonNull(factoryManager, "factoryManager");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    private static MailServerManager factoryManager() {
        return MailFactory.getServerManager();
    }

    /** Sets the handler on the managers and wraps the servers there are now. Called when the plugin is enabled. */
    public void install() {
        manager.setMailServerConfigurationHandler(this);
        MailServerManager other = null;
        try {
            other = factoryManager.get();
        } catch (RuntimeException e) {
            LOG.warn("atlassian-mail's MailFactory has no server manager ({}); Mailseal hooks the Spring one only",
                    e.getMessage());
        }
        if (other != null && other != manager) {
            other.setMailServerConfigurationHandler(this);
        }
        synchronized (this) {
            secondManager = other != manager ? other : null;
        }
        installed = true;
        for (SMTPMailServer server : manager.getSmtpMailServers()) {
            configureMailServer(server); // also done by the manager's getter; idempotent
        }
        LOG.info("Mailseal's mail hook is installed: {}", status());
    }

    /** Removes the handler and unwraps every server. Called when the plugin is disabled or uninstalled. */
    public void uninstall() {
        installed = false;
        manager.setMailServerConfigurationHandler(null);
        MailServerManager other;
        List<SMTPMailServer> servers;
        synchronized (this) {
            other = secondManager;
            secondManager = null;
            servers = new ArrayList<>(wrapped);
            wrapped.clear();
        }
        if (other != null) {
            other.setMailServerConfigurationHandler(null);
        }
        for (SMTPMailServer server : manager.getSmtpMailServers()) {
            if (!servers.contains(server)) {
                servers.add(server);
            }
        }
        for (SMTPMailServer server : servers) {
            unwrap(server);
        }
        LOG.info("Mailseal's mail hook is removed; {} server(s) unwrapped", servers.size());
    }

    private static void unwrap(SMTPMailServer server) {
        if (server instanceof AuthenticationContextAware aware
                && aware.getAuthenticationContext() instanceof EncryptingAuthenticationContext ours) {
            aware.setAuthenticationContext(ours.original());
            ours.endpoint().shutDown();
        }
    }

    @Override
    public void configureMailServer(MailServer mailServer) {
        if (!installed || !(mailServer instanceof SMTPMailServer server)) {
            return;
        }
        if (server.isSessionServer()) {
            synchronized (this) {
                if (jndiServers.add(String.valueOf(server.getName()))) {
                    LOG.error("Mail server '{}' uses a JNDI session, which Mailseal cannot cover: its mail is NOT "
                            + "encrypted. Configure it as an SMTP host, or use Mailseal's relay mode.", server.getName());
                }
            }
            return;
        }
        if (!(server instanceof AuthenticationContextAware aware)) {
            LOG.error("Mail server '{}' ({}) does not accept an authentication context; Mailseal cannot cover it",
                    server.getName(), server.getClass().getName());
            return;
        }
        synchronized (this) {
            AuthenticationContext current = aware.getAuthenticationContext();
            if (current instanceof EncryptingAuthenticationContext) {
                wrapped.add(server);
                return;
            }
            AuthenticationContext original = current;
            InMemorySmtpSocketFactory endpoint = new InMemorySmtpSocketFactory(
                    (envelope, message) -> pipeline.handle(server, original, envelope, message),
                    SmtpConversation.Limits.defaults("mailseal.local"));
            aware.setAuthenticationContext(new EncryptingAuthenticationContext(original, server, endpoint,
                    () -> pipeline.counters().refused()));
            wrapped.add(server);
        }
    }

    /**
     * Whether the hook is in place, server by server.
     *
     * @return the status now
     */
    public Status status() {
        List<ServerStatus> servers = new ArrayList<>();
        for (SMTPMailServer server : manager.getSmtpMailServers()) { // this fetch itself re-runs the handler
            boolean covered = server instanceof AuthenticationContextAware aware
                    && aware.getAuthenticationContext() instanceof EncryptingAuthenticationContext;
            servers.add(new ServerStatus(String.valueOf(server.getName()), server.isSessionServer(), covered));
        }
        SMTPMailServer defaultServer = manager.getDefaultSMTPMailServer();
        boolean active = installed && defaultServer instanceof AuthenticationContextAware aware
                && aware.getAuthenticationContext() instanceof EncryptingAuthenticationContext;
        return new Status(installed, active, List.copyOf(servers), pipeline.counters().snapshot());
    }

    /**
     * The hook on this node.
     *
     * @param installed whether the handler was set (plugin enabled)
     * @param active    whether the default SMTP server is covered now (false if another app took the handler slot,
     *                  or there is no default server)
     * @param servers   every SMTP server
     * @param counters  what was done since start
     */
    public record Status(boolean installed, boolean active, List<ServerStatus> servers,
                         MailCounters.Snapshot counters) {
    }

    /**
     * One SMTP server.
     *
     * @param name    its name
     * @param jndi    whether it uses a JNDI session (not covered)
     * @param covered whether its mail goes through Mailseal
     */
    public record ServerStatus(String name, boolean jndi, boolean covered) {
    }
}
