package io.mailseal.sandbox;

import com.atlassian.bandana.BandanaManager;
import com.atlassian.cache.CacheFactory;
import com.atlassian.confluence.user.UserAccessor;
import com.atlassian.crowd.embedded.api.CrowdDirectoryService;
import com.atlassian.crowd.embedded.api.CrowdService;
import com.atlassian.event.api.EventPublisher;
import com.atlassian.mail.server.MailServerManager;
import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.auth.LoginUriProvider;
import com.atlassian.sal.api.message.I18nResolver;
import com.atlassian.sal.api.pluginsettings.PluginSettingsFactory;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.websudo.WebSudoManager;
import com.atlassian.sal.api.xsrf.XsrfTokenAccessor;
import com.atlassian.sal.api.xsrf.XsrfTokenValidator;
import com.atlassian.scheduler.SchedulerService;
import com.atlassian.webresource.api.assembler.PageBuilderService;
import io.mailseal.sandbox.demo.DemoContent;
import io.mailseal.sandbox.demo.DemoDirectory;
import io.mailseal.sandbox.demo.HkpKeyServer;
import io.mailseal.sandbox.demo.Notifications;
import io.mailseal.sandbox.demo.PageStore;
import io.mailseal.sandbox.demo.PagesServlet;
import io.mailseal.sandbox.demo.UseShare;
import io.mailseal.sandbox.host.BandanaPluginSettingsFactory;
import io.mailseal.sandbox.host.CurrentRequest;
import io.mailseal.sandbox.host.Database;
import io.mailseal.sandbox.host.ExecutorSchedulerService;
import io.mailseal.sandbox.host.H2BandanaManager;
import io.mailseal.sandbox.host.LdapCrowdDirectoryService;
import io.mailseal.sandbox.host.LdapCrowdService;
import io.mailseal.sandbox.host.LdapDirectory;
import io.mailseal.sandbox.host.LdapUserAccessor;
import io.mailseal.sandbox.host.LdapUserManager;
import io.mailseal.sandbox.host.RequestPageBuilderService;
import io.mailseal.sandbox.host.SandboxLoginUriProvider;
import io.mailseal.sandbox.host.SessionWebSudoManager;
import io.mailseal.sandbox.mail.Mailbox;
import io.mailseal.sandbox.mail.SmtpSink;
import io.mailseal.sandbox.plugin.InstalledPlugin;
import io.mailseal.sandbox.plugin.PerPluginServices;
import io.mailseal.sandbox.plugin.PluginHost;
import io.mailseal.sandbox.web.AdminServlet;
import io.mailseal.sandbox.web.AvatarServlet;
import io.mailseal.sandbox.web.HomeServlet;
import io.mailseal.sandbox.web.Layout;
import io.mailseal.sandbox.web.LoginServlet;
import io.mailseal.sandbox.web.LogoutServlet;
import io.mailseal.sandbox.web.MailboxServlet;
import io.mailseal.sandbox.web.PluginServletDispatcher;
import io.mailseal.sandbox.web.ProfileServlet;
import io.mailseal.sandbox.web.SandboxServlet;
import io.mailseal.sandbox.web.StaticServlet;
import io.mailseal.sandbox.web.WebResourceServlet;
import io.mailseal.sandbox.web.WebServer;
import io.mailseal.sandbox.web.WebSudoServlet;
import io.mailseal.testkit.confluence.AtlassianSmtpMailServer;
import io.mailseal.testkit.confluence.InMemoryApplicationProperties;
import io.mailseal.testkit.confluence.InMemoryCacheFactory;
import io.mailseal.testkit.confluence.InMemoryEventPublisher;
import io.mailseal.testkit.confluence.InMemoryI18nResolver;
import io.mailseal.testkit.confluence.InMemoryMailServerManager;
import io.mailseal.testkit.confluence.InMemoryXsrfTokenAccessor;
import io.mailseal.testkit.confluence.InMemoryXsrfTokenValidator;
import io.mailseal.testkit.osgi.ConfluenceContainer;
import io.mailseal.testkit.osgi.FelixHost;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.Servlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running sandbox: the SMTP sink and mailbox, the demo LDAP directory, key server and SFTP share (USE sync), the
 * H2 database, the host services, the Confluence-like OSGi host with the plugin started in it, and the web server.
 * {@link #start} builds it in that order; {@link #close()} stops it in reverse (web server, plugins and framework,
 * Active Objects, scheduler, SFTP share, key server, LDAP, SMTP sink, database), also when start-up failed half-way.
 *
 * <p>Thread-safe: start and close from one thread; the parts serve any number of threads.
 */
public final class Sandbox implements AutoCloseable {

    /** The Mailseal plugin's key. */
    public static final String MAILSEAL_PLUGIN_KEY = "io.mailseal.confluence";

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    private final Deque<AutoCloseable> running;
    private final String baseUrl;
    private final int port;
    private final Path dataDir;
    private final Mailbox mailbox;
    private final PluginHost plugins;
    private final InMemoryMailServerManager mailServers;
    private final BandanaManager bandana;
    private final UseShare useShare;

    private Sandbox(Deque<AutoCloseable> running, String baseUrl, int port, Path dataDir, Mailbox mailbox,
                    PluginHost plugins, InMemoryMailServerManager mailServers, BandanaManager bandana,
                    UseShare useShare) {
        this.running = running;
        this.baseUrl = baseUrl;
        this.port = port;
        this.dataDir = dataDir;
        this.mailbox = mailbox;
        this.plugins = plugins;
        this.mailServers = mailServers;
        this.bandana = bandana;
        this.useShare = useShare;
    }

    /**
     * Starts a sandbox.
     *
     * @param config where and what
     * @return the running sandbox; close it
     * @throws Exception when a part cannot start (a taken port, a data directory in use, a plugin that fails);
     *                   whatever had started is stopped again
     */
    public static Sandbox start(SandboxConfig config) throws Exception {
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            return start(config, running);
        } catch (Exception | Error e) {
            closeAll(running);
            throw e;
        }
    }

    private static Sandbox start(SandboxConfig config, Deque<AutoCloseable> running) throws Exception {
        Clock clock = Clock.systemUTC();
        Path data = config.dataDir().toAbsolutePath().normalize();
        Path home = Files.createDirectories(data.resolve("home"));
        Files.createDirectories(home.resolve("shared-home"));
        Path pluginJar = pluginJar(config.distribution());

        Database database = Database.open(Files.createDirectories(data.resolve("db")));
        running.push(database);
        Mailbox mailbox = Mailbox.open(data.resolve("mailbox"), clock);
        SmtpSink sink = SmtpSink.start(mailbox);
        running.push(sink);
        DemoDirectory ldap = DemoDirectory.start();
        running.push(ldap);
        LdapDirectory users = LdapDirectory.connect("127.0.0.1", ldap.port(), DemoDirectory.SERVICE_DN,
                ldap.servicePassword(), DemoDirectory.PEOPLE + "," + DemoDirectory.BASE_DN,
                DemoDirectory.GROUPS + "," + DemoDirectory.BASE_DN);
        running.push(users);
        int previousKeyServerPort = DemoContent.previousKeyServerPort(data);
        HkpKeyServer keyServer = HkpKeyServer.start(previousKeyServerPort, DemoContent.keyServerKeys());
        running.push(keyServer);
        Path keyStore = DemoContent.keyStore(data.resolve("keys"));
        int previousUseSharePort = DemoContent.previousUseSharePort(data);
        UseShare useShare = UseShare.start(data, previousUseSharePort);
        running.push(useShare);
        if (previousUseSharePort > 0 && previousUseSharePort != useShare.port()) {
            LOG.warn("the demo SFTP share's port {} is taken; it moved to {}: change the port on the USE sync screen",
                    previousUseSharePort, useShare.port());
        }
        DemoContent.rememberUseSharePort(data, useShare.port());

        int port = config.port() == 0 ? freePort(config.bindAddress()) : config.port();
        String host = config.bindAddress().contains(":") ? "[" + config.bindAddress() + "]" : config.bindAddress();
        String baseUrl = "http://" + host + ":" + port;

        H2BandanaManager bandana = new H2BandanaManager(database);
        DemoContent.seedSettings(bandana, data, keyStore, keyServer.url(), previousKeyServerPort, keyServer.port());

        CurrentRequest currentRequest = new CurrentRequest();
        InMemoryI18nResolver i18n = new InMemoryI18nResolver();
        InMemoryMailServerManager mailServers = new InMemoryMailServerManager();
        AtlassianSmtpMailServer smtp = new AtlassianSmtpMailServer(sink.host(), sink.port(), Notifications.FROM);
        smtp.setName("Sandbox SMTP sink");
        smtp.setDescription("The sandbox's SMTP server; everything it receives is in the mailbox");
        mailServers.create(smtp);
        ExecutorSchedulerService scheduler = new ExecutorSchedulerService(clock);
        running.push(scheduler);
        SessionWebSudoManager webSudo = new SessionWebSudoManager(clock, Duration.ofMinutes(10));
        InMemoryXsrfTokenAccessor xsrfAccessor = new InMemoryXsrfTokenAccessor();

        FelixHost felix = ConfluenceContainer.builder(data.resolve("felix"), config.distribution().resolve("bundles"),
                Duration.ofSeconds(30)).start();
        PluginHost plugins = new PluginHost(felix, i18n);
        PerPluginServices perPlugin = new PerPluginServices(database);
        running.push(perPlugin);
        running.push(plugins);
        Map<Class<?>, Object> services = new LinkedHashMap<>();
        services.put(ApplicationProperties.class, new InMemoryApplicationProperties(baseUrl, home));
        services.put(BandanaManager.class, bandana);
        services.put(CacheFactory.class, new InMemoryCacheFactory());
        services.put(CrowdDirectoryService.class, new LdapCrowdDirectoryService(users,
                LdapCrowdDirectoryService.attributes(ldap.url(), DemoDirectory.BASE_DN, DemoDirectory.PEOPLE,
                        DemoDirectory.GROUPS, DemoDirectory.SERVICE_DN, ldap.servicePassword()),
                Date.from(clock.instant())));
        services.put(CrowdService.class, new LdapCrowdService(users));
        services.put(EventPublisher.class, new InMemoryEventPublisher());
        services.put(I18nResolver.class, i18n);
        services.put(LoginUriProvider.class, new SandboxLoginUriProvider(baseUrl));
        services.put(MailServerManager.class, mailServers);
        services.put(PageBuilderService.class, new RequestPageBuilderService(currentRequest));
        services.put(PluginSettingsFactory.class, new BandanaPluginSettingsFactory(bandana));
        services.put(SchedulerService.class, scheduler);
        services.put(UserAccessor.class, new LdapUserAccessor(users));
        services.put(UserManager.class, new LdapUserManager(users, currentRequest, baseUrl));
        services.put(WebSudoManager.class, webSudo);
        services.put(XsrfTokenAccessor.class, xsrfAccessor);
        services.put(XsrfTokenValidator.class, new InMemoryXsrfTokenValidator());
        register(felix, services);
        perPlugin.register(felix.context());

        List<Path> jars = new ArrayList<>();
        jars.add(pluginJar);
        jars.addAll(config.extraPlugins());
        for (Path jar : jars) {
            InstalledPlugin plugin = plugins.install(jar, config.pluginTimeout());
            LOG.info("started {} ({})", plugin.descriptor().name(), plugin.key());
        }
        if (mailServers.currentHandler() == null) {
            LOG.warn("no mail hook is installed on the sandbox's mail server: mail would leave as Confluence sent it");
        }

        Layout layout = new Layout(plugins, i18n, users, StaticServlet.auiVendored());
        SandboxServlet.Web web = new SandboxServlet.Web(users, layout, webSudo, xsrfAccessor);
        PageStore pages = new PageStore(database, clock);
        Notifications notifications = new Notifications(mailServers, users, baseUrl);
        Map<String, Servlet> servlets = new LinkedHashMap<>();
        servlets.put("/", new HomeServlet(web));
        servlets.put("/login.action", new LoginServlet(web, DemoDirectory.logins()));
        servlets.put("/logout.action", new LogoutServlet());
        servlets.put(SessionWebSudoManager.AUTHENTICATE_PATH, new WebSudoServlet(web));
        servlets.put("/admin", new AdminServlet(web, plugins));
        servlets.put("/profile", new ProfileServlet(web));
        servlets.put("/mailbox/*", new MailboxServlet(web, mailbox));
        servlets.put("/pages/*", new PagesServlet(web, pages, notifications));
        servlets.put("/plugins/servlet/*", new PluginServletDispatcher(plugins, layout));
        servlets.put("/download/resources/*", new WebResourceServlet(plugins));
        servlets.put("/static/*", new StaticServlet());
        servlets.put("/avatar/*", new AvatarServlet());
        WebServer server = WebServer.create(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), port),
                currentRequest, servlets);
        running.push(server);
        server.start();
        return new Sandbox(running, baseUrl, server.port(), data, mailbox, plugins, mailServers, bandana, useShare);
    }

    /**
     * The base URL, e.g. {@code http://127.0.0.1:8080}.
     *
     * @return the URL without trailing slash
     */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * The web server's port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The data directory.
     *
     * @return its absolute path
     */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * The mailbox of the SMTP sink.
     *
     * @return the mailbox
     */
    public Mailbox mailbox() {
        return mailbox;
    }

    /**
     * The plugins that started.
     *
     * @return the plugin host
     */
    public PluginHost plugins() {
        return plugins;
    }

    /**
     * The host's mail server manager.
     *
     * @return the manager
     */
    public InMemoryMailServerManager mailServers() {
        return mailServers;
    }

    /**
     * The host's Bandana.
     *
     * @return Bandana on the sandbox database
     */
    public BandanaManager bandana() {
        return bandana;
    }

    /**
     * The demo SFTP share for the USE sync.
     *
     * @return the running share
     */
    public UseShare useShare() {
        return useShare;
    }

    /** Stops everything, in reverse start order; a part that fails to stop is logged and the rest still stop. */
    @Override
    public void close() {
        closeAll(running);
    }

    private static void closeAll(Deque<AutoCloseable> running) {
        synchronized (running) {
            while (!running.isEmpty()) {
                AutoCloseable part = running.pop();
                try {
                    part.close();
                } catch (Exception | LinkageError e) {
                    LOG.warn("{} did not stop cleanly: {}", part.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(FelixHost felix, Map<Class<?>, Object> services) {
        services.forEach((type, service) -> felix.register((Class) type, service));
    }

    private static Path pluginJar(Path distribution) throws IOException {
        Path directory = distribution.resolve("plugin");
        if (!Files.isDirectory(directory)) {
            throw new IOException("no plugin jar: " + directory + " is missing (build with: mvn -B -ntp -DskipTests"
                    + " -pl sandbox -am package)");
        }
        List<Path> jars = ConfluenceContainer.jarsIn(directory);
        if (jars.size() != 1) {
            throw new IOException("expected one plugin jar in " + directory + ", found " + jars);
        }
        return jars.get(0);
    }

    private static int freePort(String bindAddress) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(bindAddress))) {
            return socket.getLocalPort();
        }
    }
}
