package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.confluence.mail.SettingsOutboundSource;
import io.mailseal.confluence.mail.SourceTest;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.SourceResponse;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Settings;
import io.mailseal.store.SettingsStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Admin screen "Key sources" ({@code /plugins/servlet/mailseal/admin/sources}): the S/MIME key store, the user
 * directory, an external LDAP server (its password is never shown) and user uploads; the PGP key store, key server,
 * WKD, VKS and user uploads; how long lookups are cached.
 *
 * <p>"Test connections" (a POST with a valid token and {@code operation=test}) asks every source of the stored
 * settings afresh for the admin's own address, with each source's timeouts and size caps, and shows per source
 * whether it works (reachable, bound, file read), whether TLS protects it, what it found, or the error naming the host
 * and reason. It changes nothing (no setting, no cache); it is audited.
 *
 * <p>Thread-safe.
 */
@SystemAdminOnly
public final class KeySourcesServlet extends SettingsScreenServlet {

    private static final long serialVersionUID = 1L;

    private final transient SettingsOutboundSource outbound;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages    the pages' common parts
     * @param store    the settings
     * @param outbound builds the configured sources for "test connections"
     */
    public KeySourcesServlet(WebPages pages, SettingsStore store, SettingsOutboundSource outbound) {
        super(pages, store, Screen.SOURCES, SettingsForm.SOURCES);
        this.outbound = Objects.requireNonNull(outbound, "outbound");
    }

    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        if ("test".equals(form.get("operation"))) {
            test(request, response, admin);
        } else {
            super.change(request, response, admin, form);
        }
    }

    @Override
    protected void screenValues(Model model, Settings stored) {
        super.screenValues(model);
        model.flag("canTest", true).flag("tested", false).models("tests", List.of());
    }

    private void test(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        Optional<EmailAddress> probe = EmailAddress.find(Objects.toString(admin.getEmail(), ""));
        if (probe.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            show(request, response, List.of(), List.of(pages.text("sources.test.noAddress")), model -> { });
            return;
        }
        Checked<List<SourceTest>> tested = outbound.testSources(probe.get());
        if (tested instanceof Checked.Invalid<List<SourceTest>> invalid) {
            List<String> errors = new ArrayList<>();
            errors.add(pages.text("sources.test.unusable"));
            invalid.problems().forEach(problem -> errors.add(problem.toString()));
            show(request, response, List.of(), errors, model -> { });
            return;
        }
        List<Model> rows = new ArrayList<>();
        for (SourceTest test : tested.orElseThrow()) {
            rows.add(row(test, probe.get()));
        }
        pages.audit(admin, "sources.tested", "key sources", tested.orElseThrow().stream()
                .map(t -> t.source() + "/" + t.type() + (t.works() ? " works" : " fails")).toList().toString());
        show(request, response, List.of(pages.text("sources.test.done", probe.get().value())), List.of(),
                model -> model.flag("tested", true).models("tests", rows)
                        .text("testNone", rows.isEmpty() ? pages.text("sources.test.none") : ""));
    }

    private Model row(SourceTest test, EmailAddress probe) {
        SourceResponse answer = test.response();
        List<String> details = new ArrayList<>();
        if (test.keyStore() != null) {
            details.add(test.keyStore().error() != null ? test.keyStore().error()
                    : pages.text("sources.test.file", Objects.toString(test.keyStore().format(), "?"),
                    test.keyStore().keys()));
            details.addAll(test.keyStore().problems());
        }
        switch (answer.status()) {
            case OK -> details.add(pages.text("sources.test.found", answer.accepted().size(),
                    answer.rejected().size(), probe.value()));
            case NOT_FOUND -> details.add(pages.text("sources.test.notFound", answer.rejected().size(),
                    probe.value()));
            default -> { }
        }
        if (answer.message() != null && !answer.message().isBlank()) {
            details.add(answer.message());
        }
        String tls = test.tls() == null ? pages.text("sources.test.noConnection")
                : test.tls() ? pages.text("status.yes") : pages.text("status.no");
        return Model.create()
                .text("source", pages.text("source." + test.source().name()))
                .text("type", pages.text("option." + test.type().name()))
                .flag("works", test.works())
                .text("result", test.works() ? pages.text("sources.test.works") : pages.text("sources.test.fails"))
                .text("tls", tls)
                .texts("details", details)
                .number("millis", test.took().toMillis());
    }
}
