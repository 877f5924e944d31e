package io.mailseal.sandbox.plugin;

import io.mailseal.testkit.osgi.SpringContext;
import java.util.Objects;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

/**
 * A plugin that started in the sandbox: its bundle, descriptor and Spring context.
 *
 * <p>Immutable, so thread-safe (the bundle and context are thread-safe).
 *
 * @param bundle     the plugin's bundle
 * @param descriptor what its {@code atlassian-plugin.xml} declares
 * @param context    the Spring context Gemini Blueprint built
 */
public record InstalledPlugin(Bundle bundle, PluginDescriptor descriptor, SpringContext context) {

    /** Checks the components. */
    public InstalledPlugin {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(context, "context");
    }

    /**
     * The bundle's class loader, the context class loader of every call into the plugin.
     *
     * @return the loader
     */
    public ClassLoader classLoader() {
        return bundle.adapt(BundleWiring.class).getClassLoader();
    }

    /**
     * The plugin key.
     *
     * @return the key of {@code atlassian-plugin.xml}
     */
    public String key() {
        return descriptor.key();
    }
}
