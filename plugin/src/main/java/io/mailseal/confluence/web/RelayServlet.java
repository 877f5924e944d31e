package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.confluence.mail.RelayMode;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.Settings;
import io.mailseal.store.SettingsStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Admin screen "Relay mode" ({@code /plugins/servlet/mailseal/admin/relay}): relay mode on or off, its loopback port,
 * and the upstream mail server (host, port, TLS, user; the password is write-only: never shown, kept when left empty
 * for the same host and user, removed with its "clear" box). Confluence logs in to the relay as
 * {@value RelayMode#USER} with a generated secret; the secret is shown exactly once, on the page that answers the save
 * that generated it or a "regenerate" POST ({@code operation=regenerate}), and never again. Saving applies the
 * settings on this node at once (other nodes follow within their recheck interval).
 *
 * <p>Thread-safe.
 */
@SystemAdminOnly
public final class RelayServlet extends SettingsScreenServlet {

    private static final long serialVersionUID = 1L;

    private final transient RelayMode relayMode;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages     the pages' common parts
     * @param store     the settings
     * @param relayMode the relay on this node
     */
    public RelayServlet(WebPages pages, SettingsStore store, RelayMode relayMode) {
        super(pages, store, Screen.RELAY, SettingsForm.RELAY);
        this.relayMode = Objects.requireNonNull(relayMode, "relayMode");
    }

    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        if ("regenerate".equals(form.get("operation"))) {
            regenerate(request, response, admin);
        } else {
            super.change(request, response, admin, form);
        }
    }

    @Override
    protected boolean saved(HttpServletRequest request, HttpServletResponse response, UserProfile admin,
                            Settings written) throws IOException {
        if (written.relay().enabled() && written.relay().secret().isEmpty()) {
            regenerate(request, response, admin);
            return true;
        }
        relayMode.reconcile();
        return false;
    }

    @Override
    protected void screenValues(Model model, Settings stored) {
        screenValues(model);
        model.flag("relay", true)
                .flag("relaySecretStored", !stored.relay().secret().isEmpty())
                .text("relayHowTo", pages.text("relay.howTo", String.valueOf(stored.relay().port()), RelayMode.USER))
                .text("relaySecret", "");
    }

    private void regenerate(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        Checked<Secret> secret = relayMode.regenerateSecret();
        if (secret instanceof Checked.Invalid<Secret> invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            List<String> errors = new ArrayList<>();
            errors.add(pages.text("relay.notGenerated"));
            invalid.problems().forEach(problem -> errors.add(problem.toString()));
            show(request, response, List.of(), errors, model -> { });
            return;
        }
        pages.audit(admin, "relay.secretGenerated", "relay", "a new relay secret was generated; Confluence's SMTP "
                + "server setting needs it");
        show(request, response, List.of(pages.text("relay.generated")), List.of(),
                model -> model.text("relaySecret", secret.orElseThrow().reveal()));
    }
}
