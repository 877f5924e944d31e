package io.mailseal.testkit.osgi;

import org.osgi.framework.Bundle;

/**
 * What happened when a plugin jar was started in a {@link FelixHost}: its Spring context came up, or the reason it
 * did not.
 *
 * <p>Immutable.
 */
public sealed interface PluginStart {

    /**
     * The plugin's bundle.
     *
     * @return the bundle, or null if the jar could not even be installed
     */
    Bundle bundle();

    /**
     * The bundle is active and Gemini Blueprint published its Spring context.
     *
     * @param bundle  the plugin bundle
     * @param context its Spring application context
     */
    record Started(Bundle bundle, SpringContext context) implements PluginStart {
    }

    /**
     * The plugin did not come up.
     *
     * @param bundle the plugin bundle, or null if installation failed
     * @param reason what failed, in plain words (an unresolved import, a failed context, a timeout)
     * @param cause  the underlying exception
     */
    record Failed(Bundle bundle, String reason, Throwable cause) implements PluginStart {
    }
}
