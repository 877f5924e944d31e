package io.mailseal.sandbox.plugin;

import com.atlassian.activeobjects.external.ActiveObjects;
import com.atlassian.sal.api.transaction.TransactionCallback;
import com.atlassian.sal.api.transaction.TransactionTemplate;
import com.atlassian.templaterenderer.TemplateRenderer;
import io.mailseal.sandbox.host.Database;
import io.mailseal.sandbox.host.VelocityTemplateRenderer;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import net.java.ao.RawEntity;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host services that belong to the plugin asking for them, registered as OSGi service factories the way
 * Confluence's are: {@link ActiveObjects} (the plugin's own tables, {@code AO_<hash>_*}, in the sandbox's H2 database,
 * created or updated from the plugin's {@code <ao>} entities when the plugin first asks), a {@link TransactionTemplate}
 * that runs a callback in one transaction of that Active Objects, and a {@link TemplateRenderer} that reads Velocity
 * templates from the plugin's bundle.
 *
 * <p>Thread-safe: per-bundle instances are created once in a concurrent map.
 */
public final class PerPluginServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PerPluginServices.class);

    private final Database database;
    private final Map<Long, EntityManagerActiveObjects> activeObjects = new ConcurrentHashMap<>();
    private final Map<Long, TemplateRenderer> renderers = new ConcurrentHashMap<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    /**
     * Creates the services over the sandbox database.
     *
     * @param database the database the plugins' tables live in
     */
    public PerPluginServices(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Registers the three service factories.
     *
     * @param context the system bundle's context
     */
    public synchronized void register(BundleContext context) {
        registrations.add(context.registerService(ActiveObjects.class.getName(),
                factory(this::activeObjects), new Hashtable<>()));
        registrations.add(context.registerService(TransactionTemplate.class.getName(),
                factory(bundle -> new ActiveObjectsTransactionTemplate(activeObjects(bundle))), new Hashtable<>()));
        registrations.add(context.registerService(TemplateRenderer.class.getName(),
                factory(bundle -> renderers.computeIfAbsent(bundle.getBundleId(),
                        id -> new VelocityTemplateRenderer(bundle.adapt(BundleWiring.class).getClassLoader()))),
                new Hashtable<>()));
    }

    /**
     * The Active Objects of a plugin, created (and its tables migrated) on first use.
     *
     * @param bundle the plugin's bundle
     * @return its Active Objects
     */
    public ActiveObjects activeObjects(Bundle bundle) {
        return activeObjects.computeIfAbsent(bundle.getBundleId(), id -> connect(bundle));
    }

    /** Closes every plugin's Active Objects. */
    @Override
    public synchronized void close() {
        activeObjects.values().forEach(EntityManagerActiveObjects::close);
        activeObjects.clear();
    }

    @SuppressWarnings("unchecked")
    private EntityManagerActiveObjects connect(Bundle bundle) {
        String key = pluginKey(bundle);
        EntityManagerActiveObjects ao = EntityManagerActiveObjects.connect(database.jdbcUrl(), "sa", "", key);
        List<Class<? extends RawEntity<?>>> entities = new ArrayList<>();
        for (String name : descriptorEntities(bundle)) {
            try {
                entities.add((Class<? extends RawEntity<?>>) bundle.loadClass(name));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("plugin " + key + " declares the Active Objects entity " + name
                        + ", which its bundle cannot load", e);
            }
        }
        if (!entities.isEmpty()) {
            ao.migrate(entities.toArray(Class[]::new));
            LOG.info("Active Objects of {}: tables of {} entities ready", key, entities.size());
        }
        return ao;
    }

    private static List<String> descriptorEntities(Bundle bundle) {
        URL entry = bundle.getEntry(PluginDescriptor.FILE);
        if (entry == null) {
            return List.of();
        }
        try (InputStream in = entry.openStream()) {
            return PluginDescriptor.read(in).aoEntities();
        } catch (IOException e) {
            throw new IllegalStateException("the plugin descriptor of " + bundle.getSymbolicName()
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The plugin key of a bundle: its {@code Atlassian-Plugin-Key} header, or its symbolic name.
     *
     * @param bundle the bundle
     * @return the key
     */
    public static String pluginKey(Bundle bundle) {
        String key = bundle.getHeaders().get("Atlassian-Plugin-Key");
        return key == null || key.isBlank() ? bundle.getSymbolicName() : key;
    }

    private static ServiceFactory<Object> factory(java.util.function.Function<Bundle, Object> create) {
        return new ServiceFactory<>() {
            @Override
            public Object getService(Bundle bundle, ServiceRegistration<Object> registration) {
                return create.apply(bundle);
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<Object> registration, Object service) {
                // kept for the plugin's next start; closed with the sandbox
            }
        };
    }

    /** SAL's transaction template over a plugin's Active Objects; thread-safe. */
    private record ActiveObjectsTransactionTemplate(ActiveObjects ao) implements TransactionTemplate {
        @Override
        public <T> T execute(TransactionCallback<T> action) {
            return ao.executeInTransaction(action);
        }
    }
}
