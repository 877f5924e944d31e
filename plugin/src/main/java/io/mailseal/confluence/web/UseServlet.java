package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.confluence.jobs.UseSettings;
import io.mailseal.confluence.jobs.UseSyncJob;
import io.mailseal.confluence.jobs.WatchDogJob;
import io.mailseal.confluence.storage.AoRunLock;
import io.mailseal.confluence.storage.BandanaUseSettingsStore;
import io.mailseal.imports.ImportProblem;
import io.mailseal.imports.ImportLimits;
import io.mailseal.imports.SecretDisplay;
import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.Endpoint;
import io.mailseal.rules.Groups;
import io.mailseal.rules.RuleImportParser;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.store.SyncRun;
import io.mailseal.use.PgpKeyType;
import io.mailseal.use.UseImportParser;
import io.mailseal.use.sftp.JschSftpShare;
import io.mailseal.use.sftp.ShareResult;
import io.mailseal.use.sync.KeyDefaults;
import io.mailseal.use.sync.SmimeSyncSettings;
import io.mailseal.use.sync.SyncStores;
import io.mailseal.use.sync.WatchDog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Admin screen "USE sync" ({@code /plugins/servlet/mailseal/admin/use}): the SFTP share (host, port, user; password,
 * private key and passphrases write-only: never shown, kept when left empty, removed with their "clear" box), the
 * accepted host key ("test connection" shows the server's fingerprint, "accept" stores it after probing again), the
 * share's directories, the schedule, key defaults and report addresses, the WatchDog (on/off, chained or
 * unchained; it needs a certificate authority), the S/MIME mode, limit and renewal buffer, whether users may download
 * their managed keys more than once; "validate a file" (an upload checked like the
 * sync checks it: every problem with its line and column, nothing applied); the live groups and rules; the running
 * sync's progress (the page refreshes itself while one runs; no script) with "cancel"; "run now"; and the run history
 * with each run's report.
 *
 * <p>Every change is a POST with the XSRF token by a system administrator in WebSudo, and is audited. Changing the
 * host or port forgets the accepted host key.
 *
 * <p>Thread-safe.
 */
@SystemAdminOnly
public final class UseServlet extends AdminServlet {

    /** The largest file "validate a file" reads. */
    public static final int MAX_VALIDATE_BYTES = 4 << 20;
    /** How many runs the history shows. */
    public static final int HISTORY = 20;
    /** How many problems of a validated file are shown. */
    public static final int MAX_PROBLEMS_SHOWN = 1000;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final long serialVersionUID = 1L;

    private final transient BandanaUseSettingsStore store;
    private final transient UseSyncJob job;
    private final transient WatchDogJob watchDog;
    private final transient SyncStores stores;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages  the pages' common parts
     * @param store  the USE settings
     * @param job      the sync job
     * @param watchDog the WatchDog job (rescheduled when the settings are saved)
     * @param stores   the sync's stores (groups, rules, history)
     */
    public UseServlet(WebPages pages, BandanaUseSettingsStore store, UseSyncJob job, WatchDogJob watchDog,
                      SyncStores stores) {
        super(pages, Screen.USE);
        this.store = Objects.requireNonNull(store, "store");
        this.job = Objects.requireNonNull(job, "job");
        this.watchDog = Objects.requireNonNull(watchDog, "watchDog");
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    @Override
    protected int maxFormBytes() {
        return MAX_VALIDATE_BYTES + 64 * 1024;
    }

    @Override
    protected void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        List<String> messages = new ArrayList<>();
        String done = request.getParameter("done");
        if (done != null && done.matches("saved|accepted|started|busy|cancelled|notRunning")) {
            messages.add(pages.text("use.done." + done));
        }
        render(request, response, messages, List.of(), model -> { });
    }

    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        switch (form.get("operation")) {
            case "save" -> save(request, response, admin, form);
            case "test" -> test(request, response);
            case "accept" -> accept(request, response, admin, form);
            case "validate" -> validate(request, response, form);
            case "run" -> {
                UseSyncJob.Start start = job.runNow();
                if (start instanceof UseSyncJob.Start.Refused refused) {
                    pages.audit(admin, "use.runNow", "use", "refused: " + refused.reason());
                    response.setStatus(HttpServletResponse.SC_CONFLICT);
                    render(request, response, List.of(), List.of(pages.text("use.runNow.refused", refused.reason())),
                            model -> { });
                } else {
                    boolean started = start instanceof UseSyncJob.Start.Started;
                    pages.audit(admin, "use.runNow", "use", started ? "started" : "busy");
                    redirect(request, response, started ? "started" : "busy");
                }
            }
            case "cancel" -> {
                boolean cancelled = job.cancel();
                if (cancelled) {
                    pages.audit(admin, "use.cancelled", "use", "the running sync was asked to stop");
                }
                redirect(request, response, cancelled ? "cancelled" : "notRunning");
            }
            default -> {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                render(request, response, List.of(), List.of(pages.text("use.unknownOperation")), model -> { });
            }
        }
    }

    private void save(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        Checked<UseSettings> loaded = store.load();
        UseSettings before = loaded.value().orElse(UseSettings.defaults());
        List<String> errors = new ArrayList<>();
        UseSettings after = fromForm(form, before, errors);
        if (after != null && after.watchdog().enabled() && !watchDog.caSetUp()) {
            errors.add("watchdog.enabled: " + pages.text("use.watchdogNeedsCa"));
        }
        if (after != null && after.smime().maxLive() > watchDog.caMaxLive()) {
            errors.add("smime.maxLive: " + pages.text("use.aboveCaLimit", String.valueOf(watchDog.caMaxLive())));
        }
        if (after != null && errors.isEmpty()) {
            Checked<UseSettings> saved = store.save(after);
            if (saved instanceof Checked.Valid<UseSettings> valid) {
                Optional<String> scheduling = job.reschedule(valid.orElseThrow())
                        .or(() -> watchDog.reschedule(valid.orElseThrow()));
                pages.audit(admin, "use.saved", "use", "USE sync settings saved: " + after.sftp().user() + "@"
                        + after.sftp().host() + ", schedule " + (after.schedule().enabled()
                        ? "every " + after.schedule().intervalMinutes() + " min" : "off") + ", WatchDog "
                        + (after.watchdog().enabled() ? after.watchdog().mode().name().toLowerCase(Locale.ROOT)
                        : "off") + ", repeated key downloads " + (after.repeatKeyDownloads() ? "allowed" : "off"));
                if (scheduling.isEmpty()) {
                    redirect(request, response, "saved");
                    return;
                }
                errors.add(pages.text("use.notScheduled", scheduling.get()));
            } else {
                saved.problems().forEach(problem -> errors.add(problem.field() + ": " + problem.message()));
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        render(request, response, List.of(), errors, model -> formValues(model, form));
    }

    /** The settings of the form, keeping write-only secrets left empty; null (with errors) if a field is unreadable. */
    private UseSettings fromForm(Form form, UseSettings before, List<String> errors) {
        String host = form.get("host").strip();
        Integer port = number(form, "port", errors);
        Integer interval = number(form, "intervalMinutes", errors);
        Integer bits = number(form, "rsaBits", errors);
        Integer years = number(form, "validityYears", errors);
        PgpKeyType type = Arrays.stream(PgpKeyType.values()).filter(t -> t.name().equals(form.get("keyType")))
                .findFirst().orElse(null);
        if (type == null) {
            errors.add("keys.type: " + pages.text("use.badChoice"));
        }
        List<EmailAddress> reportTo = addresses("reportTo", form.get("reportTo"), errors);
        List<EmailAddress> from = addresses("reportFrom", form.get("reportFrom"), errors);
        if (from.size() > 1) {
            errors.add("reportFrom: " + pages.text("use.oneAddress"));
        }
        WatchDog.Chaining chaining = Arrays.stream(WatchDog.Chaining.values())
                .filter(c -> c.name().equals(form.get("watchdogMode"))).findFirst().orElse(null);
        if (chaining == null) {
            errors.add("watchdog.mode: " + pages.text("use.badChoice"));
        }
        SmimeSyncSettings.Mode smimeMode = Arrays.stream(SmimeSyncSettings.Mode.values())
                .filter(m -> m.name().equals(form.get("smimeMode"))).findFirst().orElse(null);
        if (smimeMode == null) {
            errors.add("smime.mode: " + pages.text("use.badChoice"));
        }
        Integer maxLive = number(form, "maxLive", "smime.maxLive", errors);
        Integer buffer = number(form, "renewalBufferHours", "smime.renewalBufferHours", errors);
        KeyDefaults keys = null;
        if (type != null && bits != null && years != null) {
            try {
                keys = new KeyDefaults(type, bits, years);
            } catch (IllegalArgumentException e) {
                errors.add("keys: " + e.getMessage());
            }
        }
        if (port == null || interval == null || keys == null || chaining == null || smimeMode == null
                || maxLive == null || buffer == null || !errors.isEmpty()) {
            return null;
        }
        UseSettings.Sftp old = before.sftp();
        Optional<String> hostKey = host.equals(old.host()) && port == old.port() ? old.hostKey() : Optional.empty();
        UseSettings.Sftp sftp = new UseSettings.Sftp(host, port, form.get("user"),
                secret(form, "password", old.password()), secret(form, "privateKey", old.privateKey()),
                secret(form, "passphrase", old.passphrase()), hostKey);
        return new UseSettings(sftp, new UseSettings.Directories(form.get("importDirectory").strip(),
                optional(form, "publicKeyDirectory"), optional(form, "privateKeyDirectory"),
                optional(form, "returnDirectory")), new UseSettings.Schedule(form.checked("scheduled"), interval),
                keys, reportTo, from.stream().findFirst(), form.checked("allowWeakKeys"),
                secret(form, "defaultPassphrase", before.defaultPassphrase()),
                new UseSettings.Watchdog(form.checked("watchdogEnabled"), chaining),
                new UseSettings.Smime(smimeMode, maxLive, buffer), form.checked("repeatKeyDownloads"));
    }

    private void test(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UseSettings settings = store.load().value().orElse(UseSettings.defaults());
        if (!settings.configured()) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            render(request, response, List.of(), List.of(pages.text("use.noShare")), model -> { });
            return;
        }
        ShareResult<String> probed = JschSftpShare.probeHostKey(settings.sftp().host(), settings.sftp().port(),
                PROBE_TIMEOUT);
        if (probed instanceof ShareResult.Failed<String> failed) {
            render(request, response, List.of(), List.of(pages.text("use.probeFailed", failed.reason())),
                    model -> { });
            return;
        }
        String seen = ((ShareResult.Done<String>) probed).value();
        String fingerprint = seen.split(" ")[0];
        boolean accepted = settings.sftp().hostKey().filter(fingerprint::equals).isPresent();
        render(request, response, accepted ? List.of(pages.text("use.hostKeyMatches", seen)) : List.of(),
                List.of(), model -> model.text("probedKey", seen).text("probedFingerprint", fingerprint)
                        .flag("probedAccepted", accepted).flag("probedChanged", !accepted
                                && settings.sftp().hostKey().isPresent()));
    }

    private void accept(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        UseSettings settings = store.load().value().orElse(UseSettings.defaults());
        String fingerprint = form.get("fingerprint").strip();
        ShareResult<String> probed = settings.configured() ? JschSftpShare.probeHostKey(settings.sftp().host(),
                settings.sftp().port(), PROBE_TIMEOUT) : new ShareResult.Failed<>(pages.text("use.noShare"), false);
        if (probed instanceof ShareResult.Done<String> done && done.value().split(" ")[0].equals(fingerprint)) {
            Checked<UseSettings> saved = store.save(settings.withSftp(settings.sftp()
                    .withHostKey(Optional.of(fingerprint))));
            if (saved instanceof Checked.Valid<UseSettings>) {
                pages.audit(admin, "use.hostKeyAccepted", settings.sftp().host() + ":" + settings.sftp().port(),
                        fingerprint);
                redirect(request, response, "accepted");
                return;
            }
        }
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        render(request, response, List.of(), List.of(pages.text("use.notAccepted")), model -> { });
    }

    private void validate(HttpServletRequest request, HttpServletResponse response, Form form) throws IOException {
        Optional<Form.Upload> upload = form.file("file");
        if (upload.isEmpty() || upload.get().data().length == 0) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("use.validate.empty")), model -> { });
            return;
        }
        String name = upload.get().fileName();
        String lower = name.toLowerCase(Locale.ROOT);
        UseSettings settings = store.load().value().orElse(UseSettings.defaults());
        List<ImportProblem> problems;
        int count;
        boolean complete;
        if (lower.endsWith(".ruleimport")) {
            var result = RuleImportParser.create().checkingGroups(stores.groups().groups().names())
                    .parse(name, new ByteArrayInputStream(upload.get().data()));
            problems = result.problems();
            count = result.problemCount();
            complete = result.complete();
        } else if (lower.endsWith(".useimport")) {
            var result = new UseImportParser(new UseImportParser.Options(settings.allowWeakKeys(),
                    ImportLimits.DEFAULTS)).parse(name, new ByteArrayInputStream(upload.get().data()));
            problems = result.problems();
            count = result.problemCount();
            complete = result.complete();
        } else {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("use.validate.kind")), model -> { });
            return;
        }
        List<Model> rows = problems.stream().limit(MAX_PROBLEMS_SHOWN).map(problem -> Model.create()
                .text("line", String.valueOf(problem.line()))
                .text("column", problem.column().isPresent() ? String.valueOf(problem.column().getAsInt()) : "")
                .text("message", problem.message())).toList();
        String verdict = !complete ? pages.text("use.validate.incomplete", name)
                : count == 0 ? pages.text("use.validate.valid", name)
                : pages.text("use.validate.invalid", name, count);
        render(request, response, count == 0 && complete ? List.of(verdict) : List.of(),
                count == 0 && complete ? List.of() : List.of(verdict),
                model -> model.flag("validated", true).text("validatedFile", name).models("problems", rows)
                        .flag("hasProblems", !rows.isEmpty()));
    }

    private void render(HttpServletRequest request, HttpServletResponse response, List<String> messages,
                        List<String> errors, java.util.function.Consumer<Model> extra) throws IOException {
        Model model = Model.create().texts("messages", messages);
        List<String> allErrors = new ArrayList<>(errors);
        Checked<UseSettings> loaded = store.load();
        if (loaded instanceof Checked.Invalid<UseSettings> invalid) {
            allErrors.add(pages.text("use.unusable"));
            invalid.problems().forEach(problem -> allErrors.add(problem.field() + ": " + problem.message()));
        }
        model.texts("errors", allErrors);
        settingsValues(model, loaded.value().orElse(UseSettings.defaults()));
        Optional<AoRunLock.Held> running = job.running();
        model.flag("running", running.isPresent());
        running.ifPresent(held -> model.text("runningLine", pages.text("use.running", held.started().toString(),
                        held.progress().isEmpty() ? pages.text("use.starting") : held.progress()))
                .flag("cancelAsked", held.cancelAsked()));
        groups(model);
        model.text("liveRules", stores.rules().live().render(SecretDisplay.MASK));
        List<Model> runs = new ArrayList<>();
        for (SyncRun run : stores.state().newestRuns(HISTORY)) {
            runs.add(Model.create().text("id", run.id()).text("started", run.started().toString())
                    .text("finished", run.finished().toString())
                    .text("outcome", pages.text("use.outcome." + run.outcome().name()))
                    .text("summary", run.summary()).text("files", String.join(", ", run.files()))
                    .text("report", run.report()).flag("hasReport", !run.report().isEmpty()));
        }
        model.models("runs", runs).flag("noRuns", runs.isEmpty())
                .text("probedKey", "").text("probedFingerprint", "").flag("probedAccepted", false)
                .flag("probedChanged", false).flag("validated", false).text("validatedFile", "")
                .models("problems", List.of()).flag("hasProblems", false);
        extra.accept(model);
        pages.render(request, response, Screen.USE, model);
    }

    private static void settingsValues(Model model, UseSettings settings) {
        UseSettings.Sftp sftp = settings.sftp();
        model.text("host", sftp.host()).text("port", String.valueOf(sftp.port())).text("user", sftp.user())
                .flag("passwordStored", !sftp.password().isEmpty())
                .flag("privateKeyStored", !sftp.privateKey().isEmpty())
                .flag("passphraseStored", !sftp.passphrase().isEmpty())
                .text("hostKey", sftp.hostKey().orElse("")).flag("hostKeyAccepted", sftp.hostKey().isPresent())
                .text("importDirectory", settings.directories().imports())
                .text("publicKeyDirectory", settings.directories().publicKeys().orElse(""))
                .text("privateKeyDirectory", settings.directories().privateKeys().orElse(""))
                .text("returnDirectory", settings.directories().returns().orElse(""))
                .flag("scheduled", settings.schedule().enabled())
                .text("intervalMinutes", String.valueOf(settings.schedule().intervalMinutes()))
                .text("keyType", settings.keyDefaults().type().name())
                .text("rsaBits", String.valueOf(settings.keyDefaults().rsaBits()))
                .text("validityYears", String.valueOf(settings.keyDefaults().validityYears()))
                .text("reportTo", settings.reportTo().stream().map(EmailAddress::value)
                        .collect(Collectors.joining(", ")))
                .text("reportFrom", settings.reportFrom().map(EmailAddress::value).orElse(""))
                .flag("allowWeakKeys", settings.allowWeakKeys())
                .flag("defaultPassphraseStored", !settings.defaultPassphrase().isEmpty())
                .flag("configured", settings.configured())
                .flag("watchdogEnabled", settings.watchdog().enabled())
                .text("watchdogMode", settings.watchdog().mode().name())
                .text("smimeMode", settings.smime().mode().name())
                .text("maxLive", String.valueOf(settings.smime().maxLive()))
                .text("renewalBufferHours", String.valueOf(settings.smime().renewalBufferHours()))
                .flag("repeatKeyDownloads", settings.repeatKeyDownloads());
    }

    /** The submitted values again, after a refused save (never the secrets). */
    private static void formValues(Model model, Form form) {
        for (String field : List.of("host", "port", "user", "importDirectory", "publicKeyDirectory",
                "privateKeyDirectory", "returnDirectory", "intervalMinutes", "keyType", "rsaBits", "validityYears",
                "reportTo", "reportFrom", "watchdogMode", "smimeMode", "maxLive", "renewalBufferHours")) {
            model.text(field, form.get(field));
        }
        model.flag("scheduled", form.checked("scheduled")).flag("allowWeakKeys", form.checked("allowWeakKeys"))
                .flag("watchdogEnabled", form.checked("watchdogEnabled"))
                .flag("repeatKeyDownloads", form.checked("repeatKeyDownloads"));
    }

    private void groups(Model model) {
        Groups groups = stores.groups().groups();
        List<Model> rows = new ArrayList<>();
        for (String name : groups.names()) {
            rows.add(Model.create().text("name", name).text("members", groups.members(name).orElse(List.of())
                    .stream().map(member -> ((Endpoint) member).render()).collect(Collectors.joining(", "))));
        }
        model.models("groups", rows).flag("noGroups", rows.isEmpty());
    }

    private Integer number(Form form, String field, String name, List<String> errors) {
        try {
            return Integer.parseInt(form.get(field).strip());
        } catch (NumberFormatException e) {
            errors.add(name + ": " + pages.text("use.notANumber"));
            return null;
        }
    }

    private Integer number(Form form, String field, List<String> errors) {
        return number(form, field, field, errors);
    }

    private List<EmailAddress> addresses(String field, String text, List<String> errors) {
        List<EmailAddress> addresses = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                addresses.add(EmailAddress.parse(part));
            } catch (IllegalArgumentException e) {
                errors.add(field + ": " + pages.text("use.badAddress", part));
            }
        }
        return addresses;
    }

    private static Secret secret(Form form, String field, Secret stored) {
        if (form.checked(field + "Clear")) {
            return Secret.empty();
        }
        String given = form.get(field);
        return given.isEmpty() ? stored : Secret.of(given);
    }

    private static Optional<String> optional(Form form, String field) {
        String value = form.get(field).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String done)
            throws IOException {
        response.sendRedirect(request.getContextPath() + Screen.USE.path() + "?done=" + done);
    }
}
