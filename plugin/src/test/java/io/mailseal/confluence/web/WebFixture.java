package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.UrlMode;
import io.mailseal.confluence.mail.JavaMailUpstream;
import io.mailseal.confluence.mail.MailCounters;
import io.mailseal.confluence.mail.MailHook;
import io.mailseal.confluence.mail.MailPipeline;
import io.mailseal.confluence.mail.SettingsOutboundSource;
import io.mailseal.confluence.storage.AoAuditLog;
import io.mailseal.confluence.storage.AoDatabase;
import io.mailseal.confluence.storage.AoUserKeyStore;
import io.mailseal.confluence.storage.BandanaSettingsStore;
import io.mailseal.confluence.storage.HomeKeyFile;
import io.mailseal.confluence.storage.MapBandanaManager;
import io.mailseal.confluence.storage.SecretBox;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.settings.Settings;
import io.mailseal.store.AuditEvent;
import io.mailseal.store.SettingsStore;
import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import io.mailseal.testkit.confluence.AtlassianSmtpMailServer;
import io.mailseal.testkit.confluence.DemoUsers;
import io.mailseal.testkit.confluence.InMemoryI18nResolver;
import io.mailseal.testkit.confluence.InMemoryLoginUriProvider;
import io.mailseal.testkit.confluence.InMemoryMailServerManager;
import io.mailseal.testkit.confluence.InMemoryPageBuilderService;
import io.mailseal.testkit.confluence.InMemoryUserManager;
import io.mailseal.testkit.confluence.InMemoryWebSudoManager;
import io.mailseal.testkit.confluence.InMemoryXsrfTokenAccessor;
import io.mailseal.testkit.confluence.InMemoryXsrfTokenValidator;
import io.mailseal.testkit.confluence.VelocityTemplateRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;

/**
 * Mailseal's screens wired as in Confluence, on the real stores (settings in Bandana with sealed secrets, uploads and
 * audit in Active Objects on H2), the SAL stand-ins of the testkit (demo users admin, alice, bob and carol) and real
 * Velocity. Close it after each test.
 */
final class WebFixture implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
    /** A rendered text that still shows an i18n key: a text is missing from mailseal.properties. */
    private static final Pattern RAW_KEY = Pattern.compile("mailseal\\.[a-zA-Z]+\\.[a-zA-Z]");

    final ManualClock clock = new ManualClock("2025-06-01T00:00:00Z");
    final CryptoRuntime crypto = CryptoRuntime.create();
    final EntityManagerActiveObjects ao = AoDatabase.open();
    final MapBandanaManager bandana = new MapBandanaManager();
    final SettingsStore settings;
    final SecretBox secretBox;
    final SigningUploads signingUploads;
    final AoUserKeyStore uploads = new AoUserKeyStore(ao, clock);
    final io.mailseal.confluence.storage.AoManagedKeyStore managedKeys = new io.mailseal.confluence.storage.AoManagedKeyStore(ao);
    final AoAuditLog audit = new AoAuditLog(ao, clock);
    final io.mailseal.confluence.storage.AoGroupStore groups = new io.mailseal.confluence.storage.AoGroupStore(ao);
    final io.mailseal.confluence.storage.AoRuleSetStore rules;
    final io.mailseal.confluence.storage.AoContentPasswordStore contentPasswords;
    final DemoUsers users = DemoUsers.standard();
    final InMemoryUserManager userManager = new InMemoryUserManager(users, FakeHttp.HOST + FakeHttp.CONTEXT);
    final InMemoryMailServerManager mailServers = new InMemoryMailServerManager();
    final SettingsOutboundSource outbound;
    final MailHook hook;
    final MailPipeline pipeline;
    final WebPages pages;
    final KeyUploads keys;
    final Map<String, FakeHttp.Session> sessions = new HashMap<>();
    /** Relay mode on this "node"; rechecks only when told (the scheduled recheck is not started). */
    final io.mailseal.confluence.mail.RelayMode relayMode;

    /** Confluence with its internal directory only: the user-directory source answers "no LDAP directory". */
    private static final com.atlassian.crowd.embedded.api.CrowdDirectoryService NO_DIRECTORIES =
            new com.atlassian.crowd.embedded.api.CrowdDirectoryService() {
                @Override
                public com.atlassian.crowd.embedded.api.Directory findDirectoryByName(String name) {
                    return null;
                }

                @Override
                public void testConnection(com.atlassian.crowd.embedded.api.Directory directory) {
                    // nothing to test
                }

                @Override
                public java.util.List<com.atlassian.crowd.embedded.api.Directory> findAllDirectories() {
                    return java.util.List.of();
                }

                @Override
                public com.atlassian.crowd.embedded.api.Directory findDirectoryById(long directoryId) {
                    return null;
                }
            };

    WebFixture(Path home) {
        secretBox = new SecretBox(new HomeKeyFile(home.resolve(HomeKeyFile.RELATIVE_PATH), new SecureRandom()),
                crypto);
        settings = new BandanaSettingsStore(bandana, secretBox);
        signingUploads = new SigningUploads(settings, secretBox, clock);
        outbound = new SettingsOutboundSource(settings, crypto, clock, uploads, applicationProperties(),
                new io.mailseal.confluence.directory.CrowdDirectoryKeySource(NO_DIRECTORIES, crypto, clock),
                new io.mailseal.confluence.cache.ClusterCacheExpiry(
                        new io.mailseal.testkit.confluence.InMemoryCacheFactory()), managedKeys);
        rules = new io.mailseal.confluence.storage.AoRuleSetStore(ao, secretBox, clock);
        contentPasswords = new io.mailseal.confluence.storage.AoContentPasswordStore(ao, secretBox, clock);
        outbound.setRules(io.mailseal.outbound.OutboundProcessor.Rules.of(rules, groups, contentPasswords));
        pipeline = new MailPipeline(outbound, new JavaMailUpstream(), new MailCounters());
        hook = new MailHook(mailServers, () -> null, pipeline);
        pages = new WebPages(userManager, new InMemoryLoginUriProvider(FakeHttp.HOST + FakeHttp.CONTEXT),
                new InMemoryWebSudoManager(), new InMemoryXsrfTokenValidator(), new InMemoryXsrfTokenAccessor(),
                new VelocityTemplateRenderer(), new InMemoryI18nResolver(pluginTexts()),
                new InMemoryPageBuilderService(), audit, clock);
        keys = new KeyUploads(uploads, settings, outbound, crypto, clock);
        coverage = new io.mailseal.confluence.overview.KeyCoverage(new io.mailseal.confluence.directory
                .ConfluenceUsers(confluenceUsers.accessor(), confluenceUsers.crowd(), clock, Runnable::run, 100),
                outbound::keyDirectory, clock, background::add);
        useSettings = new io.mailseal.confluence.storage.BandanaUseSettingsStore(bandana, secretBox);
        syncStores = new io.mailseal.use.sync.SyncStores(managedKeys, groups, rules,
                new io.mailseal.confluence.storage.AoSyncStateStore(ao),
                new io.mailseal.confluence.storage.AoSmimeUserList(ao));
        certificateArchive = new io.mailseal.confluence.storage.AoCertificateArchive(ao);
        managedCa = new io.mailseal.confluence.ca.ManagedCa(
                new io.mailseal.confluence.storage.BandanaIssuingCaStore(bandana), secretBox, certificateArchive,
                applicationProperties(), crypto, clock);
        useMachinery = new io.mailseal.confluence.jobs.UseMachinery(useSettings, syncStores, managedCa, runLock, crypto,
                secretBox, new io.mailseal.confluence.jobs.SyncReportMailer(mailServers, clock), clock);
        useSync = new io.mailseal.confluence.jobs.UseSyncJob(scheduler, useMachinery, useRuns::add);
        watchDog = new io.mailseal.confluence.jobs.WatchDogJob(scheduler, useMachinery);
        caAdministration = new io.mailseal.confluence.jobs.CaAdministration(
                useMachinery.withShares(settings -> shares.apply(settings)));
        keyDownloadService = new ManagedKeyDownloads(managedKeys, keyDownloads, secretBox, managedCa, useSettings,
                audit, crypto, clock);
        relayMode = new io.mailseal.confluence.mail.RelayMode(settings, pipeline, new SecureRandom(),
                java.time.Duration.ofDays(1));
    }

    /** Confluence's users for the overview; add users before computing. */
    final io.mailseal.confluence.directory.InMemoryUsers confluenceUsers =
            new io.mailseal.confluence.directory.InMemoryUsers();
    /** Background work of the overview, run when the test says so. */
    final java.util.List<Runnable> background = new java.util.ArrayList<>();
    /** The USE sync: settings in Bandana, stores on H2, the testkit's scheduler, "run now" queued on useRuns. */
    final io.mailseal.confluence.storage.BandanaUseSettingsStore useSettings;
    final io.mailseal.use.sync.SyncStores syncStores;
    /** The built-in CA: issuing CA in Bandana, archive on H2, CRL URL from the base URL. */
    final io.mailseal.confluence.storage.AoCertificateArchive certificateArchive;
    final io.mailseal.confluence.ca.ManagedCa managedCa;
    final io.mailseal.confluence.storage.AoRunLock runLock = new io.mailseal.confluence.storage.AoRunLock(ao, clock,
            java.time.Duration.ofMinutes(15));
    final io.mailseal.testkit.confluence.InMemorySchedulerService scheduler =
            new io.mailseal.testkit.confluence.InMemorySchedulerService(clock);
    final java.util.List<Runnable> useRuns = new java.util.ArrayList<>();
    final io.mailseal.confluence.jobs.UseMachinery useMachinery;
    final io.mailseal.confluence.jobs.UseSyncJob useSync;
    /** The WatchDog job, on the same settings, stores, CA, lock and scheduler as the sync. */
    final io.mailseal.confluence.jobs.WatchDogJob watchDog;
    final io.mailseal.confluence.overview.KeyCoverage coverage;
    /** Batch processing, recovery and revocation, on the same settings, stores, CA and lock. */
    final io.mailseal.confluence.jobs.CaAdministration caAdministration;
    /** Opens the share for the batch's pushback; JSch unless a test puts an in-process share here. */
    java.util.function.Function<io.mailseal.use.sftp.SftpSettings, io.mailseal.use.sftp.ImportShare> shares =
            io.mailseal.use.sftp.JschSftpShare::new;
    /** Managed-key downloads on H2, with the USE settings and CA above. */
    final io.mailseal.confluence.storage.AoKeyDownloads keyDownloads = new io.mailseal.confluence.storage.AoKeyDownloads(ao);
    final ManagedKeyDownloads keyDownloadService;

    OverviewServlet overviewServlet() {
        return new OverviewServlet(pages, coverage);
    }

    RelayServlet relayServlet() {
        return new RelayServlet(pages, settings, relayMode);
    }

    EncryptionSettingsServlet settingsServlet() {
        return new EncryptionSettingsServlet(pages, settings, signingUploads);
    }

    KeySourcesServlet sourcesServlet() {
        return new KeySourcesServlet(pages, settings, outbound);
    }

    VerifyServlet verifyServlet() {
        return new VerifyServlet(pages, outbound, new io.mailseal.confluence.mail.TestMailSender(mailServers,
                pipeline, clock));
    }

    StatusServlet statusServlet() {
        return new StatusServlet(pages, hook, outbound);
    }

    AuditServlet auditServlet() {
        return new AuditServlet(pages);
    }

    CaServlet caServlet() {
        return new CaServlet(pages, managedCa, crypto, clock, caAdministration, watchDog, useSettings, secretBox);
    }

    CaArchiveServlet caArchiveServlet() {
        return new CaArchiveServlet(pages, managedCa, caAdministration, clock);
    }

    UseServlet useServlet() {
        return new UseServlet(pages, useSettings, useSync, watchDog, syncStores);
    }

    SmimeUsersServlet smimeUsersServlet() {
        return new SmimeUsersServlet(pages, syncStores, useSettings, watchDog, clock);
    }

    TransferServlet transferServlet() {
        return new TransferServlet(pages, settings);
    }

    KeysServlet keysServlet() {
        return new KeysServlet(pages, keys, contentPasswords, keyDownloadService);
    }

    /**
     * A GreenMail SMTP server on a free loopback port, started, and an atlassian-mail SMTP server for it registered as
     * Confluence's default; the caller stops it.
     */
    com.icegreen.greenmail.util.GreenMail startUpstream() throws java.io.IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        com.icegreen.greenmail.util.GreenMail upstream = new com.icegreen.greenmail.util.GreenMail(
                new com.icegreen.greenmail.util.ServerSetup(port, "127.0.0.1", "smtp"));
        upstream.start();
        mailServers.create(new AtlassianSmtpMailServer("127.0.0.1", port, "wiki@example.com"));
        return upstream;
    }

    void addSmtpServer() {
        mailServers.create(new AtlassianSmtpMailServer("127.0.0.1", 25, "wiki@example.com"));
        hook.install();
    }

    /** The session of a user: admin's in WebSudo, everyone's with a known XSRF token. */
    FakeHttp.Session session(String user) {
        return sessions.computeIfAbsent(user, name -> {
            FakeHttp.Session session = new FakeHttp.Session();
            session.attributes.put(InMemoryXsrfTokenAccessor.SESSION_ATTRIBUTE, TOKEN);
            if (ADMIN.equals(name)) {
                session.attributes.put(InMemoryWebSudoManager.SESSION_ATTRIBUTE, Boolean.TRUE);
            }
            return session;
        });
    }

    FakeHttp.Request get(String user, Screen screen) {
        FakeHttp.Request request = new FakeHttp.Request();
        request.method = "GET";
        request.path = screen.path();
        request.remoteUser = user;
        request.session = user == null ? null : session(user);
        return request;
    }

    /** A url-encoded POST with the right token. */
    FakeHttp.Request post(String user, Screen screen) {
        FakeHttp.Request request = get(user, screen);
        request.method = "POST";
        request.contentType = "application/x-www-form-urlencoded";
        return request.param("atl_token", TOKEN);
    }

    /** A multipart POST with the right token and the given parts. */
    FakeHttp.Request multipart(String user, Screen screen, Map<String, Object> parts) {
        FakeHttp.Request request = get(user, screen);
        request.method = "POST";
        request.contentType = "multipart/form-data; boundary=XyZzY42";
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("atl_token", TOKEN);
        all.putAll(parts);
        request.body = FakeHttp.multipart("XyZzY42", all);
        return request;
    }

    FakeHttp.Response run(HttpServlet servlet, FakeHttp.Request request) {
        FakeHttp.Response response = new FakeHttp.Response();
        try {
            servlet.service(request.proxy(), response.proxy());
        } catch (ServletException | IOException e) {
            throw new AssertionError(e);
        }
        if (response.contentType != null && response.contentType.startsWith("text/html")) {
            assertThat(RAW_KEY.matcher(response.body()).find()).as("every text is in mailseal.properties: "
                    + firstRawKey(response.body())).isFalse();
        }
        return response;
    }

    Settings stored() {
        return ((SettingsStore.Found) settings.load()).settings();
    }

    List<AuditEvent> auditEvents() {
        return audit.newest(1000);
    }

    String keyOf(String user) {
        return users.byName(user).key().getStringValue();
    }

    @Override
    public void close() {
        relayMode.stop();
        ao.close();
    }

    private static String firstRawKey(String page) {
        java.util.regex.Matcher matcher = Pattern.compile("mailseal\\.[a-zA-Z.]+").matcher(page);
        return matcher.find() ? matcher.group() : "";
    }

    private static ApplicationProperties applicationProperties() {
        return (ApplicationProperties) Proxy.newProxyInstance(WebFixture.class.getClassLoader(),
                new Class<?>[] {ApplicationProperties.class}, (self, method, args) -> {
                    if (method.getName().equals("getBaseUrl") && args != null && args[0] instanceof UrlMode) {
                        return FakeHttp.HOST + FakeHttp.CONTEXT;
                    }
                    throw new UnsupportedOperationException("ApplicationProperties." + method.getName());
                });
    }

    /** The plugin's texts, as Confluence reads them from the i18n resource. */
    static Map<String, String> pluginTexts() {
        Properties properties = new Properties();
        try (InputStream in = WebFixture.class.getClassLoader().getResourceAsStream("i18n/mailseal.properties");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
        return texts;
    }
}
