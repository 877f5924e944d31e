package io.mailseal.it.host;

import io.mailseal.testkit.confluence.DemoUsers;
import io.mailseal.testkit.confluence.InMemoryApplicationProperties;
import io.mailseal.testkit.confluence.InMemoryCacheFactory;
import io.mailseal.testkit.confluence.InMemoryEventPublisher;
import io.mailseal.testkit.confluence.InMemoryI18nResolver;
import io.mailseal.testkit.confluence.InMemoryLoginUriProvider;
import io.mailseal.testkit.confluence.InMemoryMailServerManager;
import io.mailseal.testkit.confluence.InMemoryPageBuilderService;
import io.mailseal.testkit.confluence.InMemoryUserManager;
import io.mailseal.testkit.confluence.InMemoryWebSudoManager;
import io.mailseal.testkit.confluence.InMemoryXsrfTokenAccessor;
import io.mailseal.testkit.confluence.InMemoryXsrfTokenValidator;
import io.mailseal.testkit.confluence.InMemoryMailServerManager;
import io.mailseal.testkit.confluence.InMemorySchedulerService;
import com.atlassian.activeobjects.external.ActiveObjects;
import com.atlassian.bandana.BandanaManager;
import com.atlassian.cache.CacheFactory;
import com.atlassian.confluence.user.UserAccessor;
import com.atlassian.crowd.embedded.api.CrowdDirectoryService;
import com.atlassian.crowd.embedded.api.CrowdService;
import com.atlassian.event.api.EventPublisher;
import com.atlassian.mail.server.MailServerManager;
import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.UrlMode;
import com.atlassian.sal.api.auth.LoginUriProvider;
import com.atlassian.sal.api.message.I18nResolver;
import com.atlassian.sal.api.pluginsettings.PluginSettingsFactory;
import com.atlassian.sal.api.transaction.TransactionTemplate;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.websudo.WebSudoManager;
import com.atlassian.sal.api.xsrf.XsrfTokenAccessor;
import com.atlassian.sal.api.xsrf.XsrfTokenValidator;
import com.atlassian.scheduler.SchedulerService;
import com.atlassian.templaterenderer.TemplateRenderer;
import com.atlassian.webresource.api.assembler.PageBuilderService;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The Confluence host services of the OSGi test host: small in-memory implementations sharing one demo user
 * directory ({@link DemoUsers}), a temporary home directory and the plugin's own i18n texts.
 *
 * <p>Thread-safe: every service returned is thread-safe; each call builds a new, independent set.
 */
public final class HostServices {

    /** The test host's base URL: Confluence under the context path {@code /confluence}. */
    public static final String BASE_URL = "http://127.0.0.1:8090/confluence";

    /** The plugin's i18n resource (atlassian-plugin.xml), read from the class path if present. */
    private static final String PLUGIN_I18N = "i18n/mailseal.properties";

    private HostServices() {
    }

    /**
     * Every host service the plugin's Spring context imports, keyed by its interface, in a stable order.
     *
     * @param clock the time source of the services that need one
     * @return a new {@link LinkedHashMap} with the 20 services, in the order of the plugin's Spring context
     */
    public static Map<Class<?>, Object> inMemory(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        InMemoryApplicationProperties applicationProperties = new InMemoryApplicationProperties(BASE_URL,
                temporaryHome());
        String baseUrl = applicationProperties.getBaseUrl(UrlMode.ABSOLUTE);
        DemoUsers users = DemoUsers.standard();

        Map<Class<?>, Object> services = new LinkedHashMap<>();
        put(services, ActiveObjects.class, new InMemoryActiveObjects());
        put(services, ApplicationProperties.class, applicationProperties);
        put(services, BandanaManager.class, new InMemoryBandanaManager());
        put(services, CacheFactory.class, new InMemoryCacheFactory());
        put(services, CrowdDirectoryService.class, new InMemoryCrowdDirectoryService(clock));
        put(services, CrowdService.class, new InMemoryCrowdService(users));
        put(services, EventPublisher.class, new InMemoryEventPublisher());
        put(services, I18nResolver.class, new InMemoryI18nResolver(pluginTexts()));
        put(services, LoginUriProvider.class, new InMemoryLoginUriProvider(baseUrl));
        put(services, MailServerManager.class, new InMemoryMailServerManager());
        put(services, PageBuilderService.class, new InMemoryPageBuilderService());
        put(services, PluginSettingsFactory.class, new InMemoryPluginSettingsFactory());
        put(services, SchedulerService.class, new InMemorySchedulerService(clock));
        put(services, TemplateRenderer.class, new InMemoryTemplateRenderer());
        put(services, TransactionTemplate.class, new InMemoryTransactionTemplate());
        put(services, UserAccessor.class, new InMemoryUserAccessor(users));
        put(services, UserManager.class, new InMemoryUserManager(users, baseUrl));
        put(services, WebSudoManager.class, new InMemoryWebSudoManager());
        put(services, XsrfTokenAccessor.class, new InMemoryXsrfTokenAccessor());
        put(services, XsrfTokenValidator.class, new InMemoryXsrfTokenValidator());
        return services;
    }

    private static <T> void put(Map<Class<?>, Object> services, Class<T> type, T service) {
        services.put(type, service);
    }

    /**
     * A new local home with its shared-home subdirectory, under the system's temporary directory; both are deleted
     * when the JVM exits if they are still empty.
     */
    private static Path temporaryHome() {
        try {
            Path home = Files.createTempDirectory("mailseal-confluence-home");
            home.toFile().deleteOnExit();
            Files.createDirectories(home.resolve("shared-home")).toFile().deleteOnExit();
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test host's home directory", e);
        }
    }

    /** The plugin's i18n texts (UTF-8 properties), or none if the plugin is not on the class path. */
    private static Map<String, String> pluginTexts() {
        Properties properties = new Properties();
        try (InputStream in = HostServices.class.getClassLoader().getResourceAsStream(PLUGIN_I18N)) {
            if (in != null) {
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PLUGIN_I18N, e);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
        return texts;
    }
}
