package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.confluence.jobs.UseSettings;
import io.mailseal.confluence.jobs.WatchDogJob;
import io.mailseal.confluence.storage.BandanaUseSettingsStore;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Checked;
import io.mailseal.store.SmimeUser;
import io.mailseal.store.SmimeUserList;
import io.mailseal.use.SmimeUserCsv;
import io.mailseal.use.sync.SyncStores;
import io.mailseal.use.sync.WatchDog;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Admin screen "S/MIME users" ({@code /plugins/servlet/mailseal/admin/use/smime-users}, reached from the USE screen):
 * the list the WatchDog renews (and in unchained mode creates) certificates for, kept by hand for the WatchDog
 * stand-alone, without the rest of USE. It lists the entries (search by address, {@value #PAGE_SIZE} a page), adds
 * or replaces one (each field checked as {@link SmimeUserCsv#entry} does, problems named by field), removes one, and
 * imports a CSV file ({@code address,name,team,given name,surname}, at most {@link SmimeUserCsv#MAX_BYTES} bytes):
 * a file with any bad line changes nothing and every problem is shown by line and field; a good one adds or replaces
 * every entry, and with "replace the whole list" removes the others, in one transaction.
 *
 * <p>With a certificate authority set up and the WatchDog enabled in unchained mode, this list alone drives
 * certificate creation: the next cycle creates the first certificate of each new entry. The screen says which of
 * those is missing.
 *
 * <p>Every change is a POST with the XSRF token by a system administrator in WebSudo ({@link AdminServlet}) and is
 * audited with its counts. Thread-safe.
 */
@SystemAdminOnly
public final class SmimeUsersServlet extends AdminServlet {

    /** How many entries a page shows. */
    public static final int PAGE_SIZE = 50;
    /** How many problems of an imported file are shown. */
    public static final int MAX_PROBLEMS_SHOWN = SmimeUserCsv.MAX_PROBLEMS;
    private static final long serialVersionUID = 1L;

    private final transient SyncStores stores;
    private final transient BandanaUseSettingsStore useSettings;
    private final transient WatchDogJob watchDog;
    private final transient Clock clock;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages       the pages' common parts
     * @param stores      the sync's stores (the S/MIME users list)
     * @param useSettings the USE settings (whether and how the WatchDog runs)
     * @param watchDog    the WatchDog job (whether a certificate authority is set up)
     * @param clock       when an entry was set
     */
    public SmimeUsersServlet(WebPages pages, SyncStores stores, BandanaUseSettingsStore useSettings,
                             WatchDogJob watchDog, Clock clock) {
        super(pages, Screen.SMIME_USERS);
        this.stores = Objects.requireNonNull(stores, "stores");
        this.useSettings = Objects.requireNonNull(useSettings, "useSettings");
        this.watchDog = Objects.requireNonNull(watchDog, "watchDog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected int maxFormBytes() {
        return SmimeUserCsv.MAX_BYTES + 64 * 1024;
    }

    @Override
    protected void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        List<String> messages = new ArrayList<>();
        String done = request.getParameter("done");
        String count = Objects.toString(request.getParameter("count"), "");
        if (done != null && done.matches("added|updated|removed|notListed|imported")) {
            messages.add(pages.text("smimeUsers.done." + done, count.matches("\\d{1,7}") ? count : "0",
                    Objects.toString(request.getParameter("removed"), "0").matches("\\d{1,7}")
                            ? request.getParameter("removed") : "0"));
        }
        render(request, response, messages, List.of(), model -> { });
    }

    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        switch (form.get("operation")) {
            case "add" -> add(request, response, admin, form);
            case "remove" -> remove(request, response, admin, form);
            case "import" -> importFile(request, response, admin, form);
            default -> {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                render(request, response, List.of(), List.of(pages.text("smimeUsers.unknownOperation")),
                        model -> { });
            }
        }
    }

    private void add(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        Checked<SmimeUser> entry = SmimeUserCsv.entry(form.get("address"), form.get("name"),
                form.get("team").isBlank() ? "0" : "1", form.get("givenName"), form.get("surname"), clock.instant());
        if (entry instanceof Checked.Invalid<SmimeUser> invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            List<String> errors = new ArrayList<>(List.of(pages.text("smimeUsers.notAdded")));
            invalid.problems().forEach(problem -> errors.add(pages.text("smimeUsers.field." + problem.field())
                    + ": " + problem.message()));
            render(request, response, List.of(), errors, model -> model.text("formAddress", form.get("address"))
                    .text("formName", form.get("name")).flag("formTeam", !form.get("team").isBlank())
                    .text("formGivenName", form.get("givenName")).text("formSurname", form.get("surname")));
            return;
        }
        SmimeUser user = entry.orElseThrow();
        boolean existed = stores.smimeUsers().find(user.address()).isPresent();
        stores.smimeUsers().put(user);
        pages.audit(admin, existed ? "smimeUsers.updated" : "smimeUsers.added", user.address().value(),
                "S/MIME users: 1 " + (existed ? "updated" : "added") + (user.team() ? " (team)" : ""));
        redirect(request, response, existed ? "updated" : "added", 1, 0);
    }

    private void remove(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        Optional<EmailAddress> address = EmailAddress.find(form.get("address").strip());
        if (address.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("smimeUsers.field.address") + ": "
                    + pages.text("smimeUsers.notAnAddress", form.get("address"))), model -> { });
            return;
        }
        boolean removed = stores.smimeUsers().remove(address.get());
        if (removed) {
            pages.audit(admin, "smimeUsers.removed", address.get().value(), "S/MIME users: 1 removed");
        }
        redirect(request, response, removed ? "removed" : "notListed", removed ? 1 : 0, 0);
    }

    private void importFile(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        Optional<Form.Upload> file = form.file("file").filter(upload -> upload.data().length > 0);
        if (file.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("smimeUsers.import.empty")), model -> { });
            return;
        }
        boolean replace = !form.get("replace").isBlank();
        SmimeUserCsv.Result parsed = SmimeUserCsv.parse(file.get().data(), clock.instant());
        if (parsed instanceof SmimeUserCsv.Invalid invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            List<String> errors = new ArrayList<>(List.of(pages.text("smimeUsers.import.invalid",
                    file.get().fileName(), invalid.count())));
            invalid.problems().stream().limit(MAX_PROBLEMS_SHOWN).forEach(problem -> errors.add(
                    (problem.line() > 0 ? pages.text("smimeUsers.import.line", problem.line()) + ", " : "")
                            + pages.text("smimeUsers.field." + problem.field()) + ": " + problem.message()));
            if (invalid.count() > invalid.problems().size()) {
                errors.add(pages.text("smimeUsers.import.more", invalid.count() - invalid.problems().size()));
            }
            render(request, response, List.of(), errors, model -> { });
            return;
        }
        List<SmimeUser> users = ((SmimeUserCsv.Valid) parsed).users();
        int removed = stores.smimeUsers().putAll(users, replace);
        pages.audit(admin, "smimeUsers.imported", "S/MIME users", "imported " + users.size()
                + " added or updated" + (replace ? ", " + removed + " removed (whole list replaced)" : "")
                + " from a file of " + file.get().data().length + " bytes");
        redirect(request, response, "imported", users.size(), removed);
    }

    private void render(HttpServletRequest request, HttpServletResponse response, List<String> messages,
                        List<String> errors, java.util.function.Consumer<Model> extra) throws IOException {
        String query = Objects.toString(request.getParameter("q"), "").strip();
        if (query.length() > SmimeUserCsv.MAX_TEXT) {
            query = query.substring(0, SmimeUserCsv.MAX_TEXT);
        }
        int page = 1;
        String pageText = Objects.toString(request.getParameter("page"), "1");
        if (pageText.matches("\\d{1,6}")) {
            page = Math.max(1, Integer.parseInt(pageText));
        }
        SmimeUserList.Page found = stores.smimeUsers().search(query, (page - 1) * PAGE_SIZE, PAGE_SIZE);
        int pages = Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        List<Model> rows = new ArrayList<>();
        for (SmimeUser user : found.users()) {
            rows.add(Model.create().text("address", user.address().value()).text("name", user.name())
                    .flag("team", user.team())
                    .text("givenName", user.givenName().orElse("")).text("surname", user.surname().orElse(""))
                    .text("updated", user.updated().toString()));
        }
        String base = request.getContextPath() + Screen.SMIME_USERS.path() + "?q="
                + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8) + "&page=";
        Model model = Model.create().texts("messages", messages).texts("errors", errors)
                .models("users", rows).flag("noUsers", rows.isEmpty()).text("query", query)
                .number("total", found.total()).number("page", page).number("pages", pages)
                .flag("hasPrevious", page > 1).flag("hasNext", page < pages)
                .text("previousHref", base + (page - 1)).text("nextHref", base + (page + 1))
                .text("pageLine", this.pages.text("smimeUsers.pageLine", page, pages, found.total()))
                .text("useHref", request.getContextPath() + Screen.USE.path())
                .text("formAddress", "").text("formName", "").flag("formTeam", false)
                .text("formGivenName", "").text("formSurname", "");
        watchDogState(model);
        extra.accept(model);
        this.pages.render(request, response, Screen.SMIME_USERS, model);
    }

    /** Whether this list drives certificates now: a CA, the WatchDog on, and in which mode. */
    private void watchDogState(Model model) {
        UseSettings use = useSettings.load().value().orElse(UseSettings.defaults());
        boolean ca = watchDog.caSetUp();
        boolean on = use.watchdog().enabled();
        boolean unchained = use.watchdog().mode() == WatchDog.Chaining.UNCHAINED;
        String state;
        if (!ca) {
            state = pages.text("smimeUsers.state.noCa");
        } else if (!on) {
            state = pages.text("smimeUsers.state.off");
        } else if (unchained) {
            state = pages.text("smimeUsers.state.unchained");
        } else {
            state = pages.text("smimeUsers.state.chained");
        }
        model.text("watchDogState", state).flag("drivesCreation", ca && on && unchained);
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String done, int count,
                                 int removed) throws IOException {
        response.sendRedirect(request.getContextPath() + Screen.SMIME_USERS.path() + "?done=" + done + "&count="
                + count + "&removed=" + removed);
    }
}
