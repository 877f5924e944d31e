package io.mailseal.testkit.osgi;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * An OSGi container that starts a plugin jar the way Confluence does: Apache Felix, host packages exported by the
 * system bundle (as Confluence's package scanner exports the web application's classes), host services registered
 * from outside the plugin, and the Gemini Blueprint extender building the plugin's Spring context from
 * {@code META-INF/spring/*.xml}.
 *
 * <p>Build one with {@link #builder()}, register host services with {@link #register}, then
 * {@link #startPlugin(Path, Duration)}. Close it to stop the framework.
 *
 * <p>Not thread-safe: one thread drives it (a test, or the sandbox's start-up and shutdown); the services it hosts
 * are called from any thread. Defaults: the Gemini extender waits 30 seconds for a plugin's
 * mandatory service references before it fails the plugin's context ({@link Builder#dependencyWait(Duration)}).
 */
public final class FelixHost implements AutoCloseable {

    /** The service property under which Gemini Blueprint publishes a bundle's application context. */
    static final String CONTEXT_SERVICE_NAME = "org.springframework.context.service.name";
    private static final String APPLICATION_CONTEXT = "org.springframework.context.ApplicationContext";
    private static final String GEMINI_CORE = "org.eclipse.gemini.blueprint.core";
    private static final String GEMINI_EXTENDER = "org.eclipse.gemini.blueprint.extender";
    private static final String CONTEXT_FAILED_EVENT =
            "org.eclipse.gemini.blueprint.context.event.OsgiBundleContextFailedEvent";
    private static final String CONTEXT_LISTENER =
            "org.eclipse.gemini.blueprint.context.event.OsgiBundleApplicationContextListener";

    private final Framework framework;
    private final Map<String, CompletableFuture<Object>> pendingContexts = new HashMap<>();

    private FelixHost(Framework framework) {
        this.framework = framework;
    }

    /**
     * Starts describing a host.
     *
     * @return a new builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The system bundle's context, from which host services are registered.
     *
     * @return the context; never null while the host runs
     */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /**
     * Registers a host service under its interface, as Confluence exports its components to plugins.
     *
     * @param type    the service interface; must be exported by the system bundle so that the plugin sees the
     *                same class
     * @param service the implementation
     * @param <T>     the service type
     * @return the registration, to unregister the service
     */
    public <T> ServiceRegistration<T> register(Class<T> type, T service) {
        return context().registerService(type, service, new Hashtable<>());
    }

    /**
     * Installs a plugin jar, starts it and waits until its Spring context is up or has failed.
     *
     * @param pluginJar the plugin jar
     * @param timeout   how long to wait for the Spring context after the bundle started
     * @return what happened; never throws for a plugin that does not start
     */
    public PluginStart startPlugin(Path pluginJar, Duration timeout) {
        Bundle bundle;
        try {
            bundle = install(pluginJar);
        } catch (BundleException e) {
            return new PluginStart.Failed(null, "install failed: " + e.getMessage(), e);
        }
        return startPlugin(bundle, timeout);
    }

    /**
     * Installs a plugin jar without starting it, so that the host can read its descriptor and resources first.
     *
     * @param pluginJar the plugin jar
     * @return the installed bundle
     * @throws BundleException if the jar is not a valid bundle
     */
    public Bundle install(Path pluginJar) throws BundleException {
        return context().installBundle(pluginJar.toUri().toString());
    }

    /**
     * Starts an installed plugin bundle and waits until its Spring context is up or has failed.
     *
     * @param bundle  the bundle, from {@link #install(Path)}
     * @param timeout how long to wait for the Spring context after the bundle started
     * @return what happened; never throws for a plugin that does not start
     */
    public PluginStart startPlugin(Bundle bundle, Duration timeout) {
        String name = bundle.getSymbolicName();
        CompletableFuture<Object> contextFuture = new CompletableFuture<>();
        pendingContexts.put(name, contextFuture);
        ServiceListener published = event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                contextFuture.complete(context().getService(event.getServiceReference()));
            }
        };
        String filter = "(&(" + Constants.OBJECTCLASS + "=" + APPLICATION_CONTEXT + ")(" + CONTEXT_SERVICE_NAME + "="
                + name + "))";
        try {
            context().addServiceListener(published, filter);
            try {
                bundle.start();
            } catch (BundleException e) {
                return new PluginStart.Failed(bundle, "bundle did not start: " + e.getMessage(), e);
            }
            ServiceReference<?>[] already = context().getServiceReferences(APPLICATION_CONTEXT,
                    "(" + CONTEXT_SERVICE_NAME + "=" + name + ")");
            if (already != null && already.length > 0) {
                contextFuture.complete(context().getService(already[0]));
            }
            Object applicationContext = contextFuture.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new PluginStart.Started(bundle, new SpringContext(applicationContext));
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad bundle symbolic name " + name, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new PluginStart.Failed(bundle, "Spring context failed: " + describe(cause), cause);
        } catch (TimeoutException e) {
            return new PluginStart.Failed(bundle, "no Spring context after " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PluginStart.Failed(bundle, "interrupted while waiting for the Spring context", e);
        } finally {
            context().removeServiceListener(published);
            pendingContexts.remove(name);
        }
    }

    /**
     * Finds an installed bundle by symbolic name.
     *
     * @param symbolicName the name
     * @return the bundle, or null if none is installed
     */
    public Bundle bundle(String symbolicName) {
        for (Bundle bundle : context().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    /** Stops the framework and waits up to 30 seconds for it to stop. */
    @Override
    public void close() throws BundleException {
        framework.stop();
        try {
            framework.waitForStop(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listenForContextFailures() throws BundleException {
        Bundle core = bundle(GEMINI_CORE);
        if (core == null) {
            throw new BundleException("Gemini Blueprint core (" + GEMINI_CORE + ") is not installed");
        }
        Class<?> listenerType;
        try {
            listenerType = core.loadClass(CONTEXT_LISTENER);
        } catch (ClassNotFoundException e) {
            throw new BundleException("Gemini Blueprint core does not export " + CONTEXT_LISTENER, e);
        }
        InvocationHandler handler = this::onContextEvent;
        Object listener = Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType},
                handler);
        // registered by Gemini core itself: the extender only sees services whose class it shares with the
        // registering bundle, and the system bundle does not import Gemini's packages
        core.getBundleContext().registerService(CONTEXT_LISTENER, listener, new Hashtable<>());
    }

    private Object onContextEvent(Object proxy, Method method, Object[] args) throws ReflectiveOperationException {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "FelixHost context listener";
            case "onOsgiApplicationEvent":
                Object event = args[0];
                Class<?> failedEvent = superclassNamed(event.getClass(), CONTEXT_FAILED_EVENT);
                if (failedEvent != null) {
                    Bundle source = (Bundle) failedEvent.getMethod("getBundle").invoke(event);
                    Throwable cause = (Throwable) failedEvent.getMethod("getFailureCause").invoke(event);
                    CompletableFuture<Object> pending = pendingContexts.get(source.getSymbolicName());
                    if (pending != null) {
                        pending.completeExceptionally(cause);
                    }
                }
                return null;
            default:
                throw new UnsupportedOperationException(method.toString());
        }
    }

    private static Class<?> superclassNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    /**
     * Describes a host before it starts.
     *
     * <p>Not thread-safe. Defaults: no exported packages beyond the JDK's, no bundles, a 30-second dependency wait.
     */
    public static final class Builder {

        private Path storage;
        private final List<String> exports = new ArrayList<>();
        private final List<Path> bundles = new ArrayList<>();
        private Duration dependencyWait = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * Sets the directory for the framework's bundle cache; it is cleaned when the host starts.
         *
         * @param directory a directory the test owns
         * @return this builder
         */
        public Builder storage(Path directory) {
            this.storage = directory;
            return this;
        }

        /**
         * Exports, from the system bundle, every package of a jar on the host's class path, as Confluence's package
         * scanner does for its web application: the jar's own {@code Export-Package} header if it is a bundle,
         * otherwise each package that holds classes, at the jar's implementation version.
         *
         * @param jar a jar on this JVM's class path
         * @return this builder
         * @throws IOException if the jar cannot be read
         */
        public Builder exportFromClassPath(Path jar) throws IOException {
            exports.add(HostPackages.exportsOf(jar));
            return this;
        }

        /**
         * Exports packages from the system bundle with a literal {@code Export-Package} clause.
         *
         * @param clause for example {@code "javax.inject;version=1.0.0"}
         * @return this builder
         */
        public Builder exportPackages(String clause) {
            exports.add(clause);
            return this;
        }

        /**
         * Adds a bundle of the container itself (Gemini Blueprint, Spring, logging), installed and started before
         * any plugin; fragments are installed but not started.
         *
         * @param jar the bundle jar
         * @return this builder
         */
        public Builder bundle(Path jar) {
            bundles.add(jar);
            return this;
        }

        /**
         * Sets how long the Gemini extender waits for a plugin's mandatory service references.
         *
         * @param wait the wait; Confluence's default is five minutes
         * @return this builder
         */
        public Builder dependencyWait(Duration wait) {
            this.dependencyWait = wait;
            return this;
        }

        /**
         * Starts the framework, installs and starts the container bundles, and listens for plugin context events.
         *
         * @return the running host; close it
         * @throws BundleException if a container bundle does not resolve or start
         * @throws IOException     if the storage directory cannot be prepared
         */
        public FelixHost start() throws BundleException, IOException {
            Objects.requireNonNull(storage, "storage directory");
            Files.createDirectories(storage);
            Map<String, String> config = new HashMap<>();
            config.put(Constants.FRAMEWORK_STORAGE, storage.resolve("cache").toString());
            config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
            config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",", exports));
            FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                    .orElseThrow(() -> new BundleException("no OSGi framework on the class path"));
            Framework framework = factory.newFramework(config);
            framework.start();
            FelixHost host = new FelixHost(framework);
            try {
                BundleContext context = framework.getBundleContext();
                List<Bundle> installed = new ArrayList<>();
                installed.add(context.installBundle(extenderConfiguration(storage, dependencyWait).toUri().toString()));
                for (Path jar : bundles) {
                    installed.add(context.installBundle(jar.toUri().toString()));
                }
                for (Bundle bundle : installed) {
                    if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                        bundle.start();
                    }
                }
                host.listenForContextFailures();
                return host;
            } catch (BundleException | IOException | RuntimeException e) {
                framework.stop();
                throw e;
            }
        }

        /**
         * Writes a fragment of the Gemini extender that sets its dependency wait (the extender reads
         * {@code META-INF/spring/extender/*.xml} from its fragments and merges the {@code extenderProperties}).
         */
        private static Path extenderConfiguration(Path storage, Duration wait) throws IOException {
            Manifest manifest = new Manifest();
            Attributes main = manifest.getMainAttributes();
            main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
            main.putValue(Constants.BUNDLE_SYMBOLICNAME, "io.mailseal.testkit.extender-configuration");
            main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
            main.putValue(Constants.FRAGMENT_HOST, GEMINI_EXTENDER);
            String xml = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <beans xmlns="http://www.springframework.org/schema/beans"
                           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                           xsi:schemaLocation="http://www.springframework.org/schema/beans
                               http://www.springframework.org/schema/beans/spring-beans.xsd">
                      <bean id="extenderProperties"
                            class="org.springframework.beans.factory.config.PropertiesFactoryBean">
                        <property name="properties">
                          <props>
                            <prop key="dependencies.wait.time">%d</prop>
                          </props>
                        </property>
                      </bean>
                    </beans>
                    """.formatted(wait.toMillis());
            Path jar = storage.resolve("extender-configuration.jar");
            try (OutputStream file = Files.newOutputStream(jar);
                 JarOutputStream out = new JarOutputStream(file, manifest)) {
                out.putNextEntry(new ZipEntry("META-INF/spring/extender/mailseal-host.xml"));
                out.write(xml.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            return jar;
        }
    }
}
