package io.mailseal.testkit.confluence;

import com.atlassian.mail.Email;
import com.atlassian.mail.MailException;
import com.atlassian.mail.MailProtocol;
import com.atlassian.mail.server.SMTPMailServer;
import com.atlassian.mail.server.auth.AuthenticationContext;
import com.atlassian.mail.server.auth.AuthenticationContextAware;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import javax.mail.Authenticator;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.PasswordAuthentication;
import javax.mail.Service;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.URLName;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

/**
 * An SMTP server object that sends the way atlassian-mail 5.3's {@code SMTPMailServerImpl} does
 * (confluence-platform.md A.3): every send builds a new JavaMail session from a copy of the server's properties
 * passed through the authentication context's {@code preparePropertiesForSession}, asks the context to connect the
 * transport when it is not connected, and sends with the thread's context class loader set to its own. Its
 * persistent properties are also passed through the context whenever a setting changes (as
 * {@code setInitialProperties} does), so a context must tell the two paths apart.
 *
 * <p>Thread-safe for sending; settings are meant to be changed before use.
 */
public final class AtlassianSmtpMailServer implements SMTPMailServer, AuthenticationContextAware {

    private Long id;
    private String name = "SMTP server";
    private String description = "";
    private String hostname;
    private String port;
    private MailProtocol protocol = MailProtocol.SMTP;
    private String username;
    private String password;
    private long timeout = 10_000;
    private String socksHost;
    private String socksPort;
    private boolean debug;
    private String defaultFrom;
    private String prefix = "[Confluence]";
    private boolean tlsRequired;
    private boolean tlsHostnameCheck = true;
    private boolean sessionServer;
    private String jndiLocation;
    private boolean removePrecedence;
    private volatile AuthenticationContext context;
    private Properties props = new Properties();

    /**
     * A server.
     *
     * @param hostname the upstream host
     * @param port     the upstream port
     * @param from     the default From address
     */
    public AtlassianSmtpMailServer(String hostname, int port, String from) {
        this.hostname = hostname;
        this.port = String.valueOf(port);
        this.defaultFrom = from;
        this.context = new UserPasswordContext(protocol.getProtocol(), null, null);
        setInitialProperties();
    }

    /** Rebuilds the persistent properties and passes them through the context, as atlassian-mail does. */
    private synchronized void setInitialProperties() {
        Properties fresh = new Properties();
        String p = "mail." + protocol.getProtocol();
        fresh.put("mail.transport.protocol", protocol.getProtocol());
        fresh.put(p + ".host", hostname);
        fresh.put(p + ".port", port);
        fresh.put(p + ".timeout", String.valueOf(timeout));
        fresh.put(p + ".connectiontimeout", String.valueOf(timeout));
        fresh.put(p + ".starttls.enable", String.valueOf(tlsRequired));
        if (socksHost != null) {
            fresh.put(p + ".socks.host", socksHost);
            fresh.put(p + ".socks.port", socksPort == null ? "1080" : socksPort);
        }
        props = fresh;
        props = context.preparePropertiesForSession(props);
    }

    @Override
    public Session getSession() throws MailException {
        if (sessionServer) {
            throw new MailException("JNDI sessions are not available in the test host");
        }
        Properties session = new Properties();
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            if (e.getKey().toString().startsWith("mail.")) {
                session.put(e.getKey(), e.getValue());
            }
        }
        session.putAll(getProperties());
        if (tlsRequired && tlsHostnameCheck) {
            session.put("mail." + protocol.getProtocol() + ".ssl.checkserveridentity", "true");
        }
        AuthenticationContext current = context;
        Authenticator authenticator = current.isAuthenticating() ? new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(username, password);
            }
        } : null;
        Properties prepared = current.preparePropertiesForSession(session);
        Session built = Session.getInstance(prepared, authenticator);
        if (authenticator != null) {
            built.setPasswordAuthentication(new URLName(protocol.getProtocol(), hostname, Integer.parseInt(port),
                    null, username, null), new PasswordAuthentication(username, password));
        }
        return built;
    }

    @Override
    public void send(Email email) throws MailException {
        sendWithMessageId(email, email.getMessageId());
    }

    @Override
    public void sendWithMessageId(Email email, String messageId) throws MailException {
        try {
            Session session = getSession();
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    if (messageId != null) {
                        setHeader("Message-ID", messageId);
                    } else {
                        super.updateMessageID();
                    }
                }
            };
            message.setFrom(new InternetAddress(email.getFrom() == null ? defaultFrom : email.getFrom()));
            addRecipients(message, Message.RecipientType.TO, email.getTo());
            addRecipients(message, Message.RecipientType.CC, email.getCc());
            addRecipients(message, Message.RecipientType.BCC, email.getBcc());
            message.setSubject((prefix == null || email.isExcludeSubjectPrefix() ? "" : prefix + " ")
                    + email.getSubject(), "UTF-8");
            if (email.getMultipart() != null) {
                message.setContent(email.getMultipart());
            } else {
                message.setContent(email.getBody() == null ? "" : email.getBody(),
                        (email.getMimeType() == null ? "text/plain" : email.getMimeType()) + "; charset="
                                + (email.getEncoding() == null ? "UTF-8" : email.getEncoding()));
            }
            for (Object entry : email.getHeaders().entrySet()) {
                Map.Entry<?, ?> header = (Map.Entry<?, ?>) entry;
                message.setHeader(header.getKey().toString(), header.getValue().toString());
            }
            if (email.getInReplyTo() != null) {
                message.setHeader("In-Reply-To", email.getInReplyTo());
            }
            message.saveChanges();
            Transport transport = session.getTransport(protocol.getProtocol());
            try {
                if (!transport.isConnected()) {
                    context.connectService(transport);
                }
                ClassLoader before = Thread.currentThread().getContextClassLoader();
                Thread.currentThread().setContextClassLoader(AtlassianSmtpMailServer.class.getClassLoader());
                try {
                    transport.sendMessage(message, message.getAllRecipients());
                } finally {
                    Thread.currentThread().setContextClassLoader(before);
                }
            } finally {
                transport.close();
            }
        } catch (MessagingException e) {
            throw new MailException(e.getMessage(), e);
        }
    }

    private static void addRecipients(MimeMessage message, Message.RecipientType type, String list)
            throws MessagingException {
        if (list != null && !list.isBlank()) {
            message.addRecipients(type, InternetAddress.parse(list));
        }
    }

    @Override
    public void quietSend(Email email) throws MailException {
        send(email);
    }

    @Override
    public void setAuthenticationContext(AuthenticationContext authenticationContext) {
        this.context = Objects.requireNonNull(authenticationContext, "authenticationContext");
    }

    @Override
    public AuthenticationContext getAuthenticationContext() {
        return context;
    }

    @Override
    public void smartConnect(Service service) throws MessagingException {
        context.connectService(service);
    }

    /**
     * Sets the user and password and, like atlassian-mail, a user/password authentication context.
     *
     * @param user     the user
     * @param secret   the password
     */
    public void authenticateAs(String user, String secret) {
        this.username = user;
        this.password = secret;
        this.context = new UserPasswordContext(protocol.getProtocol(), user, secret);
        setInitialProperties();
    }

    @Override
    public synchronized Properties getProperties() {
        return props;
    }

    @Override
    public synchronized void setProperties(Properties properties) {
        this.props = properties;
    }

    @Override
    public Long getId() {
        return id;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public String getType() {
        return "smtp";
    }

    @Override
    public String getPort() {
        return port;
    }

    @Override
    public MailProtocol getMailProtocol() {
        return protocol;
    }

    @Override
    public String getHostname() {
        return hostname;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public String getPassword() {
        return password;
    }

    @Override
    public long getTimeout() {
        return timeout;
    }

    @Override
    public String getSocksHost() {
        return socksHost;
    }

    @Override
    public String getSocksPort() {
        return socksPort;
    }

    @Override
    public boolean getDebug() {
        return debug;
    }

    @Override
    public void setName(String name) {
        this.name = name;
    }

    @Override
    public void setDescription(String description) {
        this.description = description;
    }

    @Override
    public void setHostname(String hostname) {
        this.hostname = hostname;
        setInitialProperties();
    }

    @Override
    public void setUsername(String username) {
        this.username = username;
    }

    @Override
    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public void setId(Long id) {
        this.id = id;
    }

    @Override
    public void setPort(String port) {
        this.port = port;
        setInitialProperties();
    }

    @Override
    public void setMailProtocol(MailProtocol mailProtocol) {
        this.protocol = mailProtocol;
        setInitialProperties();
    }

    @Override
    public void setTimeout(long timeout) {
        this.timeout = timeout;
        setInitialProperties();
    }

    @Override
    public void setSocksHost(String socksHost) {
        this.socksHost = socksHost;
        setInitialProperties();
    }

    @Override
    public void setSocksPort(String socksPort) {
        this.socksPort = socksPort;
        setInitialProperties();
    }

    @Override
    public void setDebug(boolean debug) {
        this.debug = debug;
    }

    @Override
    public void setDebugStream(PrintStream debugStream) {
        // not recorded
    }

    @Override
    public boolean isTlsHostnameCheckRequired() {
        return tlsHostnameCheck;
    }

    @Override
    public void setTlsHostnameCheckRequired(boolean tlsHostnameCheckRequired) {
        this.tlsHostnameCheck = tlsHostnameCheckRequired;
    }

    @Override
    public String getDefaultFrom() {
        return defaultFrom;
    }

    @Override
    public void setDefaultFrom(String from) {
        this.defaultFrom = from;
    }

    @Override
    public String getPrefix() {
        return prefix;
    }

    @Override
    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public boolean isSessionServer() {
        return sessionServer;
    }

    @Override
    public void setSessionServer(boolean sessionServer) {
        this.sessionServer = sessionServer;
    }

    @Override
    public String getJndiLocation() {
        return jndiLocation;
    }

    @Override
    public void setJndiLocation(String jndiLocation) {
        this.jndiLocation = jndiLocation;
    }

    @Override
    public boolean isRemovePrecedence() {
        return removePrecedence;
    }

    @Override
    public void setRemovePrecedence(boolean removePrecedence) {
        this.removePrecedence = removePrecedence;
    }

    @Override
    public PrintStream getDebugStream() {
        return null;
    }

    @Override
    public boolean isTlsRequired() {
        return tlsRequired;
    }

    @Override
    public void setTlsRequired(boolean tlsRequired) {
        this.tlsRequired = tlsRequired;
        setInitialProperties();
    }
}
