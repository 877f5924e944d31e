package io.mailseal.it.host;

import com.atlassian.sal.api.pluginsettings.PluginSettings;
import com.atlassian.sal.api.pluginsettings.PluginSettingsFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SAL plugin settings: one map per key plus a global one. Values must be a String, a List or a Map (of Strings), as
 * SAL requires; a null value removes the key.
 *
 * <p>Thread-safe: {@link ConcurrentHashMap}s.
 */
public final class InMemoryPluginSettingsFactory implements PluginSettingsFactory {

    private final Settings global = new Settings();
    private final Map<String, Settings> byKey = new ConcurrentHashMap<>();

    /** The store of a key; a null key means the global store. */
    @Override
    public PluginSettings createSettingsForKey(String key) {
        return key == null ? global : byKey.computeIfAbsent(key, k -> new Settings());
    }

    @Override
    public PluginSettings createGlobalSettings() {
        return global;
    }

    /** One settings store. */
    private static final class Settings implements PluginSettings {

        private final Map<String, Object> values = new ConcurrentHashMap<>();

        @Override
        public Object get(String key) {
            return values.get(requireKey(key));
        }

        @Override
        public Object put(String key, Object value) {
            if (value == null) {
                return remove(key);
            }
            if (!(value instanceof String || value instanceof List || value instanceof Map)) {
                throw new IllegalArgumentException("plugin settings take a String, List or Map, not "
                        + value.getClass().getName());
            }
            return values.put(requireKey(key), value);
        }

        @Override
        public Object remove(String key) {
            return values.remove(requireKey(key));
        }

        private static String requireKey(String key) {
            if (key == null) {
                throw new IllegalArgumentException("the key must not be null");
            }
            return key;
        }
    }
}
