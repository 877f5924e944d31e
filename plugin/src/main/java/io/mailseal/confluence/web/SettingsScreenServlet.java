package io.mailseal.confluence.web;

import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.settings.Checked;
import io.mailseal.settings.SecretMerge;
import io.mailseal.settings.Settings;
import io.mailseal.store.SettingsStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A screen that edits part of the settings through a {@link SettingsForm}. Saving checks the whole document with
 * the settings reader; if any field is bad, the form comes back with every problem next to its field and nothing is
 * stored. A good form is stored (empty secrets keep the stored ones, ticked "clear" boxes remove them), audited with
 * the names of the fields that changed, and answered with a redirect to the screen (so a reload does not post again).
 *
 * <p>Thread-safe: holds thread-safe services only.
 */
public abstract class SettingsScreenServlet extends AdminServlet {

    private static final long serialVersionUID = 1L;

    private final transient SettingsStore store;
    private final transient SettingsForm settingsForm;
    private final Screen screen;

    /**
     * Creates the servlet.
     *
     * @param pages        the pages' common parts
     * @param store        the settings
     * @param screen       the screen
     * @param settingsForm its form
     */
    protected SettingsScreenServlet(WebPages pages, SettingsStore store, Screen screen, SettingsForm settingsForm) {
        super(pages, screen);
        this.store = Objects.requireNonNull(store, "store");
        this.settingsForm = Objects.requireNonNull(settingsForm, "settingsForm");
        this.screen = screen;
    }

    @Override
    protected void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        Stored stored = stored();
        List<String> messages = "true".equals(request.getParameter("saved"))
                ? List.of(pages.text("settings.saved")) : List.of();
        render(request, response, settingsForm.values(stored.settings()), List.of(), stored, messages, List.of());
    }

    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        Stored stored = stored();
        SettingsForm.Submitted submitted = settingsForm.read(form, stored.settings());
        if (submitted instanceof SettingsForm.Invalid invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, settingsForm.values(form), invalid.problems(), stored, List.of(),
                    List.of(pages.text("settings.notSaved")));
            return;
        }
        SettingsForm.Valid valid = (SettingsForm.Valid) submitted;
        SettingsStore.Saved saved = valid.clear().isEmpty() ? store.saveKeepingSecrets(valid.settings())
                : store.save(SettingsForm.clear(stored.found()
                ? SecretMerge.keepStored(valid.settings(), stored.settings()) : valid.settings(), valid.clear()));
        if (saved instanceof SettingsStore.NotWritten notWritten) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            List<Checked.Problem> problems = new ArrayList<>();
            notWritten.problems().forEach(problem -> problems.add(SettingsForm.parse(problem)));
            render(request, response, settingsForm.values(form), problems, stored, List.of(),
                    List.of(pages.text("settings.notSaved")));
            return;
        }
        Settings written = ((SettingsStore.Written) saved).settings();
        pages.audit(admin, "settings.saved", screen.name().toLowerCase(java.util.Locale.ROOT),
                SettingsChanges.describe(SettingsChanges.changed(stored.settings(), written)));
        if (!saved(request, response, admin, written)) {
            response.sendRedirect(request.getContextPath() + screen.path() + "?saved=true");
        }
    }

    /**
     * Called after a form was stored and audited; may answer the request itself instead of the usual redirect.
     *
     * @param request  the request
     * @param response the response
     * @param admin    the administrator
     * @param written  the stored settings
     * @return true if the response was written
     * @throws IOException if the page cannot be written
     */
    protected boolean saved(HttpServletRequest request, HttpServletResponse response, UserProfile admin,
                            Settings written) throws IOException {
        return false;
    }

    /**
     * Adds this screen's own values to its model (the relay screen's secret box); nothing by default.
     *
     * @param model  the model
     * @param stored the stored settings
     */
    protected void screenValues(Model model, Settings stored) {
        screenValues(model);
    }

    /**
     * The defaults of the screens' own values: no relay box, no "test connections", no signing uploads.
     *
     * @param model the model
     */
    protected final void screenValues(Model model) {
        model.flag("relay", false).flag("canTest", false).flag("tested", false).models("tests", List.of())
                .text("testNone", "").flag("signingUploads", false);
    }

    /**
     * Shows the screen with the stored settings, messages and this screen's own values.
     *
     * @param request  the request
     * @param response the response
     * @param messages what to say above the form
     * @param errors   what went wrong, above the form
     * @param extra    adds more values to the template's model (after {@link #screenValues})
     * @throws IOException if the page cannot be written
     */
    protected void show(HttpServletRequest request, HttpServletResponse response, List<String> messages,
                        List<String> errors, Consumer<Model> extra) throws IOException {
        Stored stored = stored();
        render(request, response, settingsForm.values(stored.settings()), List.of(), stored, messages, errors,
                extra);
    }

    private void render(HttpServletRequest request, HttpServletResponse response, Map<String, String> values,
                        List<Checked.Problem> problems, Stored stored, List<String> messages, List<String> errors)
            throws IOException {
        render(request, response, values, problems, stored, messages, errors, null);
    }

    private void render(HttpServletRequest request, HttpServletResponse response, Map<String, String> values,
                        List<Checked.Problem> problems, Stored stored, List<String> messages, List<String> errors,
                        Consumer<Model> extra) throws IOException {
        List<String> allErrors = new ArrayList<>(errors);
        for (Checked.Problem problem : settingsForm.unplaced(problems)) {
            allErrors.add(problem.toString());
        }
        List<String> warnings = new ArrayList<>();
        if (!stored.problems().isEmpty()) {
            warnings.add(pages.text("settings.unusable"));
            warnings.addAll(stored.problems());
        }
        Model model = Model.create()
                .models("sections", settingsForm.render(values, problems, stored.settings(), pages))
                .texts("messages", messages)
                .texts("errors", allErrors)
                .texts("warnings", warnings)
                .number("problemCount", problems.size());
        screenValues(model, stored.settings());
        if (extra != null) {
            extra.accept(model);
        }
        pages.render(request, response, screen, model);
    }

    private Stored stored() {
        SettingsStore.Loaded loaded = store.load();
        if (loaded instanceof SettingsStore.Found found) {
            return new Stored(found.settings(), true, List.of());
        }
        if (loaded instanceof SettingsStore.Missing missing) {
            return new Stored(missing.defaults(), false, List.of());
        }
        return new Stored(Settings.defaults(), false, ((SettingsStore.Unusable) loaded).problems());
    }

    /** The stored settings, or the defaults with the reason they are not used. */
    private record Stored(Settings settings, boolean found, List<String> problems) {
    }
}
