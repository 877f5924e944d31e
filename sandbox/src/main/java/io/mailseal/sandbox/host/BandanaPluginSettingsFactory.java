package io.mailseal.sandbox.host;

import com.atlassian.bandana.BandanaManager;
import com.atlassian.confluence.setup.bandana.ConfluenceBandanaContext;
import com.atlassian.sal.api.pluginsettings.PluginSettings;
import com.atlassian.sal.api.pluginsettings.PluginSettingsFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * SAL plugin settings kept in Bandana, as Confluence keeps them: the global settings in the global context, the
 * settings of a key in the context of that (space) key. Values must be a {@code String}, {@code List},
 * {@code Map} or {@code Properties}, as SAL requires; they are stored as JDK copies.
 *
 * <p>Thread-safe: Bandana is.
 */
public final class BandanaPluginSettingsFactory implements PluginSettingsFactory {

    private final BandanaManager bandana;

    /**
     * Creates the factory.
     *
     * @param bandana where the settings live
     */
    public BandanaPluginSettingsFactory(BandanaManager bandana) {
        this.bandana = Objects.requireNonNull(bandana, "bandana");
    }

    @Override
    public PluginSettings createSettingsForKey(String key) {
        return new Settings(bandana, key == null ? ConfluenceBandanaContext.GLOBAL_CONTEXT
                : new ConfluenceBandanaContext(key));
    }

    @Override
    public PluginSettings createGlobalSettings() {
        return new Settings(bandana, ConfluenceBandanaContext.GLOBAL_CONTEXT);
    }

    /** The settings of one context. */
    private record Settings(BandanaManager bandana, ConfluenceBandanaContext context) implements PluginSettings {

        @Override
        public Object get(String key) {
            return bandana.getValue(context, requireKey(key), false);
        }

        @Override
        public Object put(String key, Object value) {
            Object before = get(key);
            if (value == null) {
                bandana.removeValue(context, key);
            } else {
                bandana.setValue(context, key, copy(value));
            }
            return before;
        }

        @Override
        public Object remove(String key) {
            Object before = get(key);
            bandana.removeValue(context, requireKey(key));
            return before;
        }

        private static Object copy(Object value) {
            if (value instanceof String) {
                return value;
            }
            if (value instanceof Properties properties) {
                Properties copy = new Properties();
                properties.stringPropertyNames().forEach(k -> copy.setProperty(k, properties.getProperty(k)));
                return copy;
            }
            if (value instanceof List<?> list) {
                return new ArrayList<>(list);
            }
            if (value instanceof Map<?, ?> map) {
                return new HashMap<>(map);
            }
            throw new IllegalArgumentException("plugin settings take a String, List, Map or Properties, not "
                    + value.getClass().getName());
        }

        private static String requireKey(String key) {
            if (key == null) {
                throw new IllegalArgumentException("the key must not be null");
            }
            if (key.length() > 100) {
                throw new IllegalArgumentException("the key must not be longer than 100 characters");
            }
            return key;
        }
    }
}
