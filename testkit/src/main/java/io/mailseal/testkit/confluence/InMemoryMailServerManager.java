package io.mailseal.testkit.confluence;

import com.atlassian.mail.MailException;
import com.atlassian.mail.server.ImapMailServer;
import com.atlassian.mail.server.MailServer;
import com.atlassian.mail.server.MailServerConfigurationHandler;
import com.atlassian.mail.server.MailServerManager;
import com.atlassian.mail.server.PopMailServer;
import com.atlassian.mail.server.SMTPMailServer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.mail.Authenticator;
import javax.mail.Session;

/**
 * Mail server manager keeping servers in memory, in id order; none is configured at first. As Confluence does, the
 * configuration handler (one slot, last writer wins) is called on every server each time a getter returns it; the
 * first SMTP server is the default one.
 *
 * <p>Thread-safe: a concurrent sorted map and atomic id and handler.
 */
public final class InMemoryMailServerManager implements MailServerManager {

    private final Map<Long, MailServer> servers = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicReference<MailServerConfigurationHandler> handler = new AtomicReference<>();

    @Override
    public MailServer getMailServer(Long id) {
        return id == null ? null : configured(servers.get(id));
    }

    @Override
    public MailServer getMailServer(String name) {
        return all().filter(server -> Objects.equals(server.getName(), name)).findFirst().map(this::configured)
                .orElse(null);
    }

    /** Stores a server under a new id, which is also set on it. */
    @Override
    public Long create(MailServer mailServer) {
        Long id = nextId.getAndIncrement();
        mailServer.setId(id);
        servers.put(id, mailServer);
        return id;
    }

    @Override
    public void update(MailServer mailServer) throws MailException {
        Long id = mailServer.getId();
        if (id == null || servers.replace(id, mailServer) == null) {
            throw new MailException("no mail server with id " + id);
        }
    }

    @Override
    public void delete(Long mailServerId) throws MailException {
        if (mailServerId == null || servers.remove(mailServerId) == null) {
            throw new MailException("no mail server with id " + mailServerId);
        }
    }

    @Override
    public List<String> getServerNames() {
        return all().map(MailServer::getName).toList();
    }

    @Override
    public List<SMTPMailServer> getSmtpMailServers() {
        return all().filter(SMTPMailServer.class::isInstance).map(this::configured).map(SMTPMailServer.class::cast)
                .toList();
    }

    @Override
    public List<PopMailServer> getPopMailServers() {
        return all().filter(PopMailServer.class::isInstance).map(this::configured).map(PopMailServer.class::cast)
                .toList();
    }

    @Override
    public List<ImapMailServer> getImapMailServers() {
        return all().filter(ImapMailServer.class::isInstance).map(this::configured).map(ImapMailServer.class::cast)
                .toList();
    }

    @Override
    public SMTPMailServer getDefaultSMTPMailServer() {
        return all().filter(SMTPMailServer.class::isInstance).findFirst().map(this::configured)
                .map(SMTPMailServer.class::cast).orElse(null);
    }

    @Override
    public boolean isDefaultSMTPMailServerDefined() {
        return all().anyMatch(SMTPMailServer.class::isInstance);
    }

    @Override
    public PopMailServer getDefaultPopMailServer() {
        return all().filter(PopMailServer.class::isInstance).findFirst().map(this::configured)
                .map(PopMailServer.class::cast).orElse(null);
    }

    @Override
    public Session getSession(Properties props, Authenticator authenticator) {
        return Session.getInstance(props, authenticator);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void init(Map params) {
        // nothing to set up
    }

    @Override
    public void setMailServerConfigurationHandler(MailServerConfigurationHandler mailServerConfigurationHandler) {
        handler.set(mailServerConfigurationHandler);
    }

    /**
     * The handler set now (test access; Confluence's own getter is protected).
     *
     * @return the handler, or null
     */
    public MailServerConfigurationHandler currentHandler() {
        return handler.get();
    }

    private Stream<MailServer> all() {
        return servers.values().stream();
    }

    private MailServer configured(MailServer server) {
        MailServerConfigurationHandler current = handler.get();
        if (server != null && current != null) {
            current.configureMailServer(server);
        }
        return server;
    }
}
