package io.mailseal.it.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.it.host.HostServices;
import io.mailseal.testkit.osgi.FelixHost;
import io.mailseal.testkit.osgi.PluginStart;
import io.mailseal.testkit.osgi.SpringContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.atlassian.mail.Email;
import com.atlassian.mail.MailException;
import com.atlassian.mail.server.MailServerManager;
import com.atlassian.scheduler.SchedulerService;
import com.atlassian.scheduler.config.JobRunnerKey;
import io.mailseal.testkit.confluence.AtlassianSmtpMailServer;
import io.mailseal.testkit.confluence.InMemoryMailServerManager;
import io.mailseal.testkit.smtp.AiosmtpdServer;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The real plugin jar, started in Apache Felix with Gemini Blueprint the way Confluence starts it.
 */
class PluginInFelixIT {

    private static final Duration CONTEXT_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    private FelixHost host;

    @BeforeEach
    void startHost() throws Exception {
        // every test registers the host services before the plugin starts, so a short dependency wait only
        // shortens the test of a missing service
        host = ConfluenceLikeHost.start(work.resolve("felix"), Duration.ofSeconds(2));
    }

    @AfterEach
    void stopHost() throws Exception {
        host.close();
    }

    @Test
    void pluginStartsWithEveryBeanWiredToTheHost() throws Exception {
        Path plugin = ConfluenceLikeHost.pluginJar();
        Map<String, String> references = PluginJars.springReferences(plugin);
        Map<Class<?>, Object> services = HostServices.inMemory(Clock.systemUTC());

        PluginStart start = start(plugin, services, Set.of());

        assertThat(start).as(describe(start)).isInstanceOf(PluginStart.Started.class);
        Bundle bundle = start.bundle();
        SpringContext context = ((PluginStart.Started) start).context();
        assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(context.beanNames()).containsAll(references.keySet())
                .contains("cryptoRuntime", "mailsealLifecycle");
        for (String name : context.beanNames()) {
            assertThat(context.bean(name)).as(name).isNotNull();
        }
        for (Map.Entry<String, String> reference : references.entrySet()) {
            Class<?> type = bundle.loadClass(reference.getValue());
            assertThat(type).as("the plugin sees the host's " + type.getSimpleName())
                    .isSameAs(hostType(services, reference.getValue()));
            assertThat(context.bean(reference.getKey())).isInstanceOf(type);
        }
        assertThat(SpringContext.call(context.bean("applicationProperties"), "getDisplayName"))
                .as("a reference reaches the host's service").isEqualTo("Confluence");
        assertThat(problems(bundle, context)).isEmpty();
        assertThat(PluginJars.unloadableReferences(bundle, plugin, Files.createDirectories(work.resolve("lib"))))
                .as("classes the plugin refers to but cannot load").isEmpty();
    }

    @Test
    void theMailHookIsOnTheHostsMailServersWhileTheBundleRunsAndGoneWhenItStops() throws Exception {
        Map<Class<?>, Object> services = HostServices.inMemory(Clock.systemUTC());
        InMemoryMailServerManager manager = (InMemoryMailServerManager) services.get(MailServerManager.class);
        try (AiosmtpdServer upstream = AiosmtpdServer.start(Files.createDirectories(work.resolve("smtp")))) {
            AtlassianSmtpMailServer server = new AtlassianSmtpMailServer("127.0.0.1", upstream.port(),
                    "wiki@example.com");
            manager.create(server);

            PluginStart start = start(ConfluenceLikeHost.pluginJar(), services, Set.of());

            assertThat(start).as(describe(start)).isInstanceOf(PluginStart.Started.class);
            SchedulerService scheduler = (SchedulerService) services.get(SchedulerService.class);
            assertThat(scheduler.getRegisteredJobRunnerKeys()).as("the USE sync runner, registered on start")
                    .contains(JobRunnerKey.of("io.mailseal.use.sync"));
            assertThat(manager.currentHandler()).isNotNull().extracting(h -> h.getClass().getName())
                    .isEqualTo("io.mailseal.confluence.mail.MailHook");
            assertThat(server.getAuthenticationContext().getClass().getName())
                    .isEqualTo("io.mailseal.confluence.mail.EncryptingAuthenticationContext");
            Email email = new Email("bob@example.com");
            email.setFrom("wiki@example.com");
            email.setSubject("Secret page edited");
            email.setBody("the secret plan");
            // the test host has no database for user uploads: that key source fails, so the mail is held back
            assertThatThrownBy(() -> server.send(email)).isInstanceOf(MailException.class)
                    .hasMessageContaining("451");
            assertThat(upstream.messages()).as("nothing left in clear").isEmpty();

            start.bundle().stop();

            assertThat(manager.currentHandler()).isNull();
            assertThat(scheduler.getRegisteredJobRunnerKeys()).doesNotContain(JobRunnerKey.of("io.mailseal.use.sync"));
            assertThat(server.getAuthenticationContext().getClass().getName())
                    .isNotEqualTo("io.mailseal.confluence.mail.EncryptingAuthenticationContext");
            assertThat(server.getProperties().values()).allMatch(String.class::isInstance);
        }
    }

    @Test
    void contextFailsWhenTheHostLacksAService() throws Exception {
        PluginStart start = start(ConfluenceLikeHost.pluginJar(), HostServices.inMemory(Clock.systemUTC()),
                Set.of("com.atlassian.mail.server.MailServerManager"));

        assertThat(start).isInstanceOf(PluginStart.Failed.class);
        assertThat(((PluginStart.Failed) start).reason())
                .contains("Spring context failed").contains("com.atlassian.mail.server.MailServerManager");
    }

    @Test
    void pluginDoesNotResolveWhenItImportsAPackageTheHostLacks() throws Exception {
        Path broken = PluginJars.withImportPackage(ConfluenceLikeHost.pluginJar(), work.resolve("extra-import.jar"),
                imports -> imports + ",com.atlassian.confluence.notexported;version=\"0\"");

        PluginStart start = start(broken, HostServices.inMemory(Clock.systemUTC()), Set.of());

        assertThat(start).isInstanceOf(PluginStart.Failed.class);
        assertThat(((PluginStart.Failed) start).reason())
                .contains("bundle did not start").contains("com.atlassian.confluence.notexported");
    }

    @Test
    void referenceCheckFindsAMissingImport() throws Exception {
        Path broken = PluginJars.withImportPackage(ConfluenceLikeHost.pluginJar(), work.resolve("no-ssl.jar"),
                imports -> String.join(",", OsgiHeader.clauses(imports).stream()
                        .filter(clause -> !OsgiHeader.name(clause).equals("javax.net.ssl")).toList()));

        PluginStart start = start(broken, HostServices.inMemory(Clock.systemUTC()), Set.of());

        assertThat(start).as(describe(start)).isInstanceOf(PluginStart.Started.class);
        assertThat(PluginJars.unloadableReferences(start.bundle(), broken,
                Files.createDirectories(work.resolve("lib"))))
                .containsKey("javax.net.ssl");
    }

    @Test
    void bouncyCastleTakenFromTheHostIsDetected() throws Exception {
        Path broken = PluginJars.withImportPackage(ConfluenceLikeHost.pluginJar(), work.resolve("host-bc.jar"),
                imports -> imports + ",org.bouncycastle.jce.provider;version=\"0\"");

        PluginStart start = start(broken, HostServices.inMemory(Clock.systemUTC()), Set.of());

        assertThat(start).as(describe(start)).isInstanceOf(PluginStart.Started.class);
        assertThat(problems(start.bundle(), ((PluginStart.Started) start).context()))
                .containsExactly("Import-Package names org.bouncycastle.jce.provider",
                        "Bouncy Castle is loaded by the host, not by the plugin");
    }

    /** Registers the host services (but the omitted ones), then starts the plugin jar. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private PluginStart start(Path pluginJar, Map<Class<?>, Object> services, Set<String> omit) {
        services.forEach((type, service) -> {
            if (!omit.contains(type.getName())) {
                host.register((Class) type, service);
            }
        });
        return host.startPlugin(pluginJar, CONTEXT_TIMEOUT);
    }

    /**
     * What would make the plugin unfit for Confluence even though it started: Bouncy Castle imported or loaded from
     * the host, or a failed start-up self-test.
     */
    private static List<String> problems(Bundle bundle, SpringContext context) {
        List<String> problems = new ArrayList<>();
        for (String clause : OsgiHeader.clauses(bundle.getHeaders().get("Import-Package"))) {
            if (OsgiHeader.name(clause).startsWith("org.bouncycastle")) {
                problems.add("Import-Package names " + OsgiHeader.name(clause));
            }
        }
        Object status = SpringContext.call(context.bean("mailsealLifecycle"), "status");
        if (!String.valueOf(SpringContext.call(status, "state")).equals("RUNNING")) {
            problems.add("lifecycle is " + SpringContext.call(status, "state"));
        }
        Object selfTest = SpringContext.call(status, "selfTest");
        Object providerLoader = SpringContext.call(selfTest, "providerClassLoader");
        if (providerLoader != bundle.adapt(BundleWiring.class).getClassLoader()) {
            problems.add("Bouncy Castle is loaded by the host, not by the plugin");
        }
        return problems;
    }

    private static Class<?> hostType(Map<Class<?>, Object> services, String name) {
        return services.keySet().stream().filter(type -> type.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the test host offers no " + name));
    }

    private static String describe(PluginStart start) {
        return start instanceof PluginStart.Failed failed ? failed.reason() : "started";
    }
}
