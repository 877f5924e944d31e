package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import io.mailseal.store.SettingsStore;

/**
 * Admin screen "Key sources" ({@code /plugins/servlet/mailseal/admin/sources}): the S/MIME key store, the user
 * directory, an external LDAP server (its password is never shown) and user uploads; the PGP key store, key server,
 * WKD, VKS and user uploads; how long lookups are cached.
 *
 * <p>Thread-safe.
 */
@SystemAdminOnly
public final class KeySourcesServlet extends SettingsScreenServlet {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages the pages' common parts
     * @param store the settings
     */
    public KeySourcesServlet(WebPages pages, SettingsStore store) {
        super(pages, store, Screen.SOURCES, SettingsForm.SOURCES);
    }
}
