package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import io.mailseal.store.SettingsStore;

/**
 * Admin screen "Encryption settings" ({@code /plugins/servlet/mailseal/admin/settings}): type priority, fallback,
 * problem report text and admin copy, encrypting for the sender, exemptions (the account-mail rule and JSON-lines
 * rules), subject protection, the S/MIME GCM and OAEP opt-ins, and signing with its identities (file paths and
 * secrets; secrets are never shown).
 *
 * <p>Thread-safe.
 */
@SystemAdminOnly
public final class EncryptionSettingsServlet extends SettingsScreenServlet {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages the pages' common parts
     * @param store the settings
     */
    public EncryptionSettingsServlet(WebPages pages, SettingsStore store) {
        super(pages, store, Screen.SETTINGS, SettingsForm.ENCRYPTION);
    }
}
