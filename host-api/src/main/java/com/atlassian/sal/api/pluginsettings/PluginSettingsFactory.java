package com.atlassian.sal.api.pluginsettings;

/**
 * Gives {@link PluginSettings} stores, global or per key (e.g. per space).
 *
 * <p>Signature: sal-api 5.1.4, DF
 * {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/pluginsettings/PluginSettingsFactory.java}, per
 * confluence-platform.md B.3.
 */
public interface PluginSettingsFactory {

    /**
     * The settings store for a key.
     *
     * @param key the key (a space key in Confluence); null means global
     * @return the store
     */
    PluginSettings createSettingsForKey(String key);

    /**
     * The global settings store.
     *
     * @return the store
     */
    PluginSettings createGlobalSettings();
}
