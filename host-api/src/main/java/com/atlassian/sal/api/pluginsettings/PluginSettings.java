package com.atlassian.sal.api.pluginsettings;

/**
 * A key/value settings store (values: String, List of String, Map of String to String).
 *
 * <p>Signature: sal-api 5.1.4, DF {@code
 * com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/pluginsettings/PluginSettings.java}, per confluence-platform.md
 * B.3.
 */
public interface PluginSettings {

    /**
     * Reads a value.
     *
     * @param key the key
     * @return the value, or null
     */
    Object get(String key);

    /**
     * Stores a value.
     *
     * @param key   the key
     * @param value the value; null removes it
     * @return the previous value, or null
     */
    Object put(String key, Object value);

    /**
     * Removes a value.
     *
     * @param key the key
     * @return the removed value, or null
     */
    Object remove(String key);
}
