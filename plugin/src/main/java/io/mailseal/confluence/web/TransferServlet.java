package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.settings.Settings;
import io.mailseal.settings.SettingsJson;
import io.mailseal.store.SettingsStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Admin screen "Export and import" ({@code /plugins/servlet/mailseal/admin/transfer}).
 *
 * <ul>
 *   <li>Export ({@code ?download=json}): the stored settings as the settings JSON, without any secret, as a file
 *       download; audited.</li>
 *   <li>Import (POST, a pasted document or a chosen file up to {@value #MAX_DOCUMENT_BYTES} bytes): the document is
 *       read by the settings reader; any problem is shown and nothing changes. A valid document replaces the stored
 *       settings; secrets in it are taken, and a secret it leaves out keeps the stored one where it still belongs (so
 *       an export can be imported back). Audited with the fields that changed. The document is never shown back
 *       (it may hold secrets).</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
@SystemAdminOnly
public final class TransferServlet extends AdminServlet {

    /** The largest document imported. */
    public static final int MAX_DOCUMENT_BYTES = 1 << 20;
    private static final long serialVersionUID = 1L;

    private final transient SettingsStore store;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages the pages' common parts
     * @param store the settings
     */
    public TransferServlet(WebPages pages, SettingsStore store) {
        super(pages, Screen.TRANSFER);
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    protected int maxFormBytes() {
        return MAX_DOCUMENT_BYTES + 16 * 1024;
    }

    @Override
    protected void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        SettingsStore.Loaded loaded = store.load();
        if ("json".equals(request.getParameter("download"))) {
            Optional<Settings> settings = loaded instanceof SettingsStore.Found found ? Optional.of(found.settings())
                    : loaded instanceof SettingsStore.Missing missing ? Optional.of(missing.defaults())
                    : Optional.empty();
            if (settings.isPresent()) {
                byte[] document = SettingsJson.write(settings.get(), false).getBytes(StandardCharsets.UTF_8);
                pages.audit(admin, "settings.exported", "settings", "exported without secrets");
                response.setContentType("application/json;charset=UTF-8");
                response.setHeader("Content-Disposition", "attachment; filename=\"mailseal-settings.json\"");
                response.setHeader("Cache-Control", "no-store");
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setContentLength(document.length);
                response.getOutputStream().write(document);
                return;
            }
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            List<String> errors = new ArrayList<>(List.of(pages.text("transfer.unusable")));
            errors.addAll(((SettingsStore.Unusable) loaded).problems());
            render(request, response, List.of(), errors);
            return;
        }
        render(request, response, "true".equals(request.getParameter("imported"))
                ? List.of(pages.text("transfer.imported")) : List.of(), List.of());
    }

    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        Optional<Form.Upload> file = form.file("file");
        String document = file.map(upload -> new String(upload.data(), StandardCharsets.UTF_8))
                .orElse(form.get("document"));
        List<String> errors = new ArrayList<>();
        if (document.isBlank()) {
            errors.add(pages.text("transfer.empty"));
        } else if (document.length() > MAX_DOCUMENT_BYTES) {
            errors.add(pages.text("error.tooLarge", MAX_DOCUMENT_BYTES / 1024));
        } else {
            SettingsJson.Result result = SettingsJson.read(document);
            if (result instanceof SettingsJson.Invalid invalid) {
                errors.add(pages.text("transfer.invalid"));
                invalid.problems().forEach(problem -> errors.add(withoutQuotedText(problem)));
            } else {
                Settings before = loaded();
                SettingsStore.Saved saved = store.saveKeepingSecrets(((SettingsJson.Valid) result).settings());
                if (saved instanceof SettingsStore.Written written) {
                    pages.audit(admin, "settings.imported", "settings",
                            SettingsChanges.describe(SettingsChanges.changed(before, written.settings())));
                    response.sendRedirect(request.getContextPath() + Screen.TRANSFER.path() + "?imported=true");
                    return;
                }
                errors.add(pages.text("settings.notSaved"));
                errors.addAll(((SettingsStore.NotWritten) saved).problems());
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        render(request, response, List.of(), errors);
    }

    private Settings loaded() {
        SettingsStore.Loaded loaded = store.load();
        return loaded instanceof SettingsStore.Found found ? found.settings() : Settings.defaults();
    }

    /**
     * A JSON syntax problem quotes the document where it broke, which may be inside a secret: keep only where.
     */
    private static String withoutQuotedText(String problem) {
        int cut = problem.startsWith("(document): not valid JSON at line") ? problem.indexOf(": ", 12) : -1;
        return cut < 0 ? problem : problem.substring(0, cut);
    }

    private void render(HttpServletRequest request, HttpServletResponse response, List<String> messages,
                        List<String> errors) throws IOException {
        pages.render(request, response, Screen.TRANSFER, Model.create()
                .text("downloadHref", request.getContextPath() + Screen.TRANSFER.path() + "?download=json")
                .number("maxKiB", MAX_DOCUMENT_BYTES / 1024)
                .texts("messages", messages).texts("errors", errors));
    }
}
