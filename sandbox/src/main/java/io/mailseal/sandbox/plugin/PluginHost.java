package io.mailseal.sandbox.plugin;

import io.mailseal.testkit.confluence.InMemoryI18nResolver;
import io.mailseal.testkit.osgi.FelixHost;
import io.mailseal.testkit.osgi.PluginStart;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.Servlet;
import javax.servlet.ServletConfig;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs and runs plugins in the Confluence-like Felix host as Confluence does: the jar is installed, its
 * {@code atlassian-plugin.xml} and i18n texts are read from the bundle, then it is started and Gemini Blueprint builds
 * its Spring context. The servlets of its servlet modules are created on first use from the bundle's class, with
 * their constructor arguments from that context, initialised once and destroyed when the host stops.
 *
 * <p>Thread-safe: the plugin list is copy-on-write, servlets are created once per module under a lock.
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final FelixHost felix;
    private final InMemoryI18nResolver i18n;
    private final List<InstalledPlugin> plugins = new CopyOnWriteArrayList<>();
    private final Map<String, Servlet> servlets = new ConcurrentHashMap<>();

    /**
     * Wraps a started host whose services are registered.
     *
     * @param felix the host
     * @param i18n  the resolver each plugin's texts are added to
     */
    public PluginHost(FelixHost felix, InMemoryI18nResolver i18n) {
        this.felix = Objects.requireNonNull(felix, "felix");
        this.i18n = Objects.requireNonNull(i18n, "i18n");
    }

    /**
     * Installs and starts a plugin jar.
     *
     * @param jar     the plugin jar
     * @param timeout how long to wait for its Spring context
     * @return the started plugin
     * @throws PluginFailedException if it cannot be installed, or its context does not come up
     */
    public InstalledPlugin install(Path jar, Duration timeout) {
        Bundle bundle;
        PluginDescriptor descriptor;
        try {
            bundle = felix.install(jar);
            URL entry = bundle.getEntry(PluginDescriptor.FILE);
            if (entry == null) {
                throw new PluginFailedException(jar + " has no " + PluginDescriptor.FILE, null);
            }
            try (InputStream in = entry.openStream()) {
                descriptor = PluginDescriptor.read(in);
            }
        } catch (BundleException | IOException e) {
            throw new PluginFailedException(jar + " cannot be installed: " + e.getMessage(), e);
        }
        i18n.addTexts(texts(bundle, descriptor));
        PluginStart start = felix.startPlugin(bundle, timeout);
        if (start instanceof PluginStart.Failed failed) {
            throw new PluginFailedException("plugin " + descriptor.key() + " did not start: " + failed.reason(),
                    failed.cause());
        }
        InstalledPlugin plugin = new InstalledPlugin(bundle, descriptor, ((PluginStart.Started) start).context());
        plugins.add(plugin);
        LOG.info("plugin {} started: {} servlet(s), {} web item(s), {} web resource(s)", descriptor.key(),
                descriptor.servlets().size(), descriptor.webItems().size(), descriptor.webResources().size());
        return plugin;
    }

    /**
     * The started plugins, in start order.
     *
     * @return the plugins
     */
    public List<InstalledPlugin> plugins() {
        return Collections.unmodifiableList(new ArrayList<>(plugins));
    }

    /**
     * A started plugin by key.
     *
     * @param key the plugin key
     * @return the plugin, if started
     */
    public Optional<InstalledPlugin> plugin(String key) {
        return plugins.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /**
     * The servlet module serving a path below {@code /plugins/servlet}.
     *
     * @param path the path, starting with {@code /}
     * @return the plugin, the module and the URL pattern that matched
     */
    public Optional<ServletMatch> servletFor(String path) {
        ServletMatch best = null;
        for (InstalledPlugin plugin : plugins) {
            Optional<Map.Entry<PluginDescriptor.ServletModule, String>> match = plugin.descriptor().servletFor(path);
            if (match.isPresent() && (best == null || match.get().getValue().length() > best.pattern().length())) {
                best = new ServletMatch(plugin, match.get().getKey(), match.get().getValue());
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The servlet of a module, created from the plugin's class with constructor injection from its Spring context
     * and initialised on first use; the bundle's class loader is the context class loader meanwhile.
     *
     * @param match   the module
     * @param context the web application's servlet context
     * @return the servlet
     * @throws ServletException if it cannot be created or initialised
     */
    public Servlet servlet(ServletMatch match, ServletContext context) throws ServletException {
        String id = match.plugin().key() + ":" + match.module().key();
        Servlet existing = servlets.get(id);
        if (existing != null) {
            return existing;
        }
        synchronized (servlets) {
            existing = servlets.get(id);
            if (existing != null) {
                return existing;
            }
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(match.plugin().classLoader());
            try {
                Class<?> type = match.plugin().bundle().loadClass(match.module().className());
                Object created = match.plugin().context().createBean(type);
                if (!(created instanceof Servlet servlet)) {
                    throw new ServletException(match.module().className() + " is not a javax.servlet.Servlet");
                }
                servlet.init(new ModuleConfig(id, context, match.module().initParams()));
                servlets.put(id, servlet);
                return servlet;
            } catch (ClassNotFoundException e) {
                throw new ServletException("plugin " + match.plugin().key() + " cannot load its servlet class "
                        + match.module().className(), e);
            } catch (RuntimeException e) {
                throw new ServletException("servlet module " + id + " cannot be created: " + e.getMessage(), e);
            } finally {
                thread.setContextClassLoader(before);
            }
        }
    }

    /** Destroys the servlets and stops the framework (every plugin's Spring context closes). */
    @Override
    public void close() throws BundleException {
        synchronized (servlets) {
            for (Map.Entry<String, Servlet> servlet : servlets.entrySet()) {
                try {
                    servlet.getValue().destroy();
                } catch (RuntimeException e) {
                    LOG.warn("servlet {} failed to stop", servlet.getKey(), e);
                }
            }
            servlets.clear();
        }
        plugins.clear();
        felix.close();
    }

    private static Map<String, String> texts(Bundle bundle, PluginDescriptor descriptor) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String location : descriptor.i18n()) {
            URL entry = bundle.getEntry(location.replace('.', '/') + ".properties");
            if (entry == null) {
                entry = bundle.getEntry(location + ".properties");
            }
            if (entry == null) {
                LOG.warn("plugin {} names the i18n resource {}, which is not in its jar", descriptor.key(), location);
                continue;
            }
            Properties properties = new Properties();
            try (InputStream in = entry.openStream(); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                LOG.warn("plugin {}: i18n resource {} cannot be read", descriptor.key(), location, e);
            }
            properties.stringPropertyNames().forEach(key -> texts.putIfAbsent(key, properties.getProperty(key)));
        }
        return texts;
    }

    /**
     * A servlet module that serves a path.
     *
     * @param plugin  the plugin
     * @param module  the module
     * @param pattern the URL pattern that matched
     */
    public record ServletMatch(InstalledPlugin plugin, PluginDescriptor.ServletModule module, String pattern) {

        /**
         * The servlet path of a request for this module: the pattern without {@code /*}, below
         * {@code /plugins/servlet}.
         *
         * @return e.g. {@code /plugins/servlet/mailseal/admin}
         */
        public String servletPath() {
            return "/plugins/servlet" + (pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : pattern);
        }
    }

    /** A servlet's configuration: its module id, the web application's context and its init parameters. */
    private record ModuleConfig(String name, ServletContext context, Map<String, String> parameters)
            implements ServletConfig {

        @Override
        public String getServletName() {
            return name;
        }

        @Override
        public ServletContext getServletContext() {
            return context;
        }

        @Override
        public String getInitParameter(String key) {
            return parameters.get(key);
        }

        @Override
        public java.util.Enumeration<String> getInitParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }
    }

    /** A plugin that could not be installed or started. */
    public static final class PluginFailedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed
         * @param cause   why; may be null
         */
        public PluginFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
