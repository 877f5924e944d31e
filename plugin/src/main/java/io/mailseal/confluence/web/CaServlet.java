package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaException;
import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.IssuingCa;
import io.mailseal.ca.IssuingCaResult;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.confluence.ca.ManagedCa;
import io.mailseal.confluence.jobs.CaAdministration;
import io.mailseal.confluence.jobs.SyncReportMailer;
import io.mailseal.confluence.jobs.UseSettings;
import io.mailseal.confluence.jobs.WatchDogJob;
import io.mailseal.confluence.storage.BandanaUseSettingsStore;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.imports.ImportProblem;
import io.mailseal.settings.Checked;
import io.mailseal.settings.SecretCodec;
import io.mailseal.use.sync.CertificateBatch;
import io.mailseal.use.sync.CertificateInstructions;
import io.mailseal.use.sync.LineOutcome;
import io.mailseal.use.sync.LinePrefix;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Admin screen "Certificate authority" ({@code /plugins/servlet/mailseal/admin/ca}): while no issuing CA is set, the
 * admin creates a private root (name, organization, key type) or uploads an issuing CA as PKCS#12 with its password
 * (every finding of {@link IssuingCa#fromPkcs12} is shown and nothing is stored); once one is set, the screen shows its
 * certificate (subject, issuer, serial, validity, key, SHA-256 fingerprint), the CRL URL, the live certificates
 * against the limit and the certificates created per month (the billed transactions). The CA's private key and the
 * PKCS#12 password are never shown, logged or audited. Replacing a set CA is not offered (certificates issued under
 * it would lose their CRL). After a CA is set the WatchDog is rescheduled ({@link WatchDogJob#reschedule}), since it
 * runs only while a CA is set up. The screen links the archive page ({@link CaArchiveServlet}).
 *
 * <p>Batch processing of the semi-automatic mode's instructions CSV, in two steps: "preview" reads an uploaded file
 * (at most {@link CaAdministration#MAX_CSV_BYTES}) and shows every row's planned outcome, or every problem with its
 * line and field, and the live certificates against the limit with how many rows the limit would refuse; nothing is
 * changed. The page carries the file on as a sealed token ({@link BatchTokens}), and "process" takes only that token
 * back and has {@link CaAdministration#execute} create the certificates under the sync's run lock (refused, changing
 * nothing, while a sync, WatchDog cycle or another batch runs), mail the S/MIME report, push it back and record the
 * run; the page shows what was created and what was refused and why. Refused while no CA is set up.
 *
 * <p>Every change is a POST with the XSRF token by a system administrator in WebSudo, and is audited.
 *
 * <p>Thread-safe: no state of its own besides the injected services.
 */
@SystemAdminOnly
public final class CaServlet extends AdminServlet {

    /** The largest PKCS#12 file accepted. */
    public static final int MAX_PKCS12_BYTES = 256 * 1024;
    /** How many rows of a previewed or processed batch are shown. */
    public static final int MAX_ROWS_SHOWN = 2000;
    private static final long serialVersionUID = 1L;

    private final transient ManagedCa ca;
    private final transient CryptoRuntime crypto;
    private final transient Clock clock;
    private final transient CaAdministration administration;
    private final transient WatchDogJob watchDog;
    private final transient BandanaUseSettingsStore useSettings;
    private final transient BatchTokens tokens;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages  the pages' common parts
     * @param ca     the built-in CA
     * @param crypto the crypto runtime (creating a root)
     * @param clock  the time
     * @param administration batch processing
     * @param watchDog       rescheduled after a CA was set
     * @param useSettings    the USE settings the WatchDog is scheduled by
     * @param seal           seals a previewed batch for its confirmation (the settings' secret codec)
     */
    public CaServlet(WebPages pages, ManagedCa ca, CryptoRuntime crypto, Clock clock, CaAdministration administration,
                     WatchDogJob watchDog, BandanaUseSettingsStore useSettings, SecretCodec seal) {
        super(pages, Screen.CA);
        this.ca = Objects.requireNonNull(ca, "ca");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.administration = Objects.requireNonNull(administration, "administration");
        this.watchDog = Objects.requireNonNull(watchDog, "watchDog");
        this.useSettings = Objects.requireNonNull(useSettings, "useSettings");
        this.tokens = new BatchTokens(seal, clock);
    }

    /** A CSV upload, or its sealed token (gzipped, so smaller than the file for any real CSV) with some margin. */
    @Override
    protected int maxFormBytes() {
        return 2 * CaAdministration.MAX_CSV_BYTES + 64 * 1024;
    }

    @Override
    protected void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        List<String> messages = new ArrayList<>();
        String done = request.getParameter("done");
        if (done != null && done.matches("created|uploaded|replaced")) {
            messages.add(pages.text("ca.done." + done));
        }
        render(request, response, messages, List.of());
    }

    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        String operation = form.get("operation");
        if (operation.equals("batchPreview")) {
            batchPreview(request, response, admin, form);
            return;
        }
        if (operation.equals("batchRun")) {
            batchRun(request, response, admin, form);
            return;
        }
        if (!operation.equals("create") && !operation.equals("upload")) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("ca.unknownOperation")));
            return;
        }
        boolean replace = form.get("replace").equals("yes");
        if (stored().isPresent() != replace) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            render(request, response, List.of(), List.of(pages.text(replace ? "ca.replace.nothing"
                    : "ca.alreadySet")));
            return;
        }
        if (replace && !form.get("confirmReplace").equals("yes")) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("ca.replace.confirmMissing")));
            return;
        }
        if (form.file("pkcs12").map(upload -> upload.data().length > MAX_PKCS12_BYTES).orElse(false)) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            render(request, response, List.of(), List.of(pages.text("error.tooLarge", MAX_PKCS12_BYTES / 1024)));
            return;
        }
        if (operation.equals("create")) {
            create(request, response, admin, form);
        } else {
            upload(request, response, admin, form);
        }
    }

    private void batchPreview(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        Optional<Form.Upload> upload = form.file("csv");
        if (upload.isEmpty() || upload.get().data().length == 0) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("ca.batch.empty")));
            return;
        }
        String file = fileName(upload.get().fileName());
        byte[] content = upload.get().data();
        CaAdministration.Batch preview = administration.preview(file, content);
        if (preview instanceof CaAdministration.Batch.Previewed previewed) {
            CertificateBatch.Result.Previewed plan = previewed.preview();
            String token = tokens.seal(admin.getUserKey().getStringValue(), file, content);
            render(request, response, List.of(pages.text("ca.batch.previewed", file)), List.of(), model -> model
                    .flag("batchPreview", true).text("batchFile", file).text("batchToken", token)
                    .text("batchRows", String.valueOf(plan.rows())).text("batchCreates", String.valueOf(plan.creates()))
                    .text("batchLive", String.valueOf(plan.live())).text("batchLimit", String.valueOf(plan.limit()))
                    .text("batchOverLimit", String.valueOf(plan.overLimit())).flag("batchCutByLimit",
                            plan.overLimit() > 0).flag("batchNothing", plan.creates() == 0)
                    .models("batchOutcomes", outcomes(plan.outcomes())));
            return;
        }
        refuse(request, response, preview, file);
    }

    private void batchRun(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        Optional<BatchTokens.Pending> pending = tokens.open(admin.getUserKey().getStringValue(), form.get("pending"));
        if (pending.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("ca.batch.pending",
                    String.valueOf(BatchTokens.PENDING_FOR.toMinutes()))));
            return;
        }
        String file = pending.get().file();
        CaAdministration.Batch result = administration.execute(file, pending.get().content());
        if (!(result instanceof CaAdministration.Batch.Executed done)) {
            refuse(request, response, result, file);
            return;
        }
        long refused = done.outcomes().stream().filter(line -> line.prefix() == LinePrefix.FAILED).count();
        pages.audit(admin, "ca.batch.processed", "ca", "batch " + file + " processed: " + done.outcomes().size()
                + " rows, " + done.created().size() + " created, " + refused + " refused; run " + done.run().id());
        List<String> messages = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        messages.add(pages.text("ca.batch.processed", file, String.valueOf(done.created().size()),
                String.valueOf(refused)));
        if (done.mailed() instanceof SyncReportMailer.Result.NotSent notSent) {
            errors.add(pages.text("ca.batch.notMailed", notSent.reason()));
        } else {
            messages.add(pages.text("ca.batch.mailed"));
        }
        done.pushback().ifPresent(reason -> errors.add(pages.text("ca.batch.notPushed", reason)));
        List<Model> created = new ArrayList<>();
        for (IssuedCertificate certificate : done.created()) {
            created.add(Model.create().text("serial", certificate.serialHex())
                    .text("address", certificate.address().value()).text("name", certificate.holder().commonName())
                    .text("notAfter", certificate.notAfter().toString()));
        }
        render(request, response, messages, errors, model -> model.flag("batchDone", true).text("batchFile", file)
                .text("batchSummary", done.run().summary()).models("batchCreated", created)
                .flag("batchNoneCreated", created.isEmpty()).models("batchOutcomes", outcomes(done.outcomes())));
    }

    /** Answers a batch that changed nothing: no CA, busy, a problem in the file. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, CaAdministration.Batch batch,
                        String file) throws IOException {
        if (batch instanceof CaAdministration.Batch.Busy busy) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            render(request, response, List.of(), List.of(pages.text("ca.batch.busy", busy.running().isEmpty()
                    ? pages.text("use.starting") : busy.running())));
        } else if (batch instanceof CaAdministration.Batch.Invalid invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            List<String> errors = new ArrayList<>();
            errors.add(pages.text("ca.batch.invalid", file, String.valueOf(invalid.problems().size())));
            invalid.problems().stream().limit(MAX_ROWS_SHOWN).forEach(problem -> errors.add(describe(problem)));
            render(request, response, List.of(), errors);
        } else {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            render(request, response, List.of(), List.of(pages.text("ca.batch.refused",
                    ((CaAdministration.Batch.Refused) batch).reason())));
        }
    }

    /** A problem as "line 3, field team: ..." (the field is the CSV column's header). */
    private String describe(ImportProblem problem) {
        String field = problem.column().isPresent() && problem.column().getAsInt() <= CertificateInstructions.HEADER
                .size() ? CertificateInstructions.HEADER.get(problem.column().getAsInt() - 1) : "";
        return field.isEmpty() ? pages.text("ca.batch.problemLine", String.valueOf(problem.line()), problem.message())
                : pages.text("ca.batch.problem", String.valueOf(problem.line()), field,
                problem.message());
    }

    private static List<Model> outcomes(List<LineOutcome> outcomes) {
        return outcomes.stream().limit(MAX_ROWS_SHOWN).map(line -> Model.create()
                .text("line", String.valueOf(line.line())).text("prefix", line.prefix().text())
                .text("text", line.text()).text("note", line.note().orElse(""))
                .flag("refused", line.prefix() == LinePrefix.FAILED)).toList();
    }

    /** The uploaded file's own name, without a client's path; at most 100 characters. */
    private static String fileName(String name) {
        String base = name == null ? "" : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'))
                + 1).strip();
        if (base.isEmpty()) {
            base = "instructions.csv";
        }
        return base.length() > 100 ? base.substring(0, 100) : base;
    }

    /** The WatchDog runs only while a CA is set up: schedule it by the stored settings now that one is. */
    private void rescheduleWatchDog() {
        Checked<UseSettings> stored = useSettings.load();
        if (stored instanceof Checked.Valid<UseSettings> valid) {
            watchDog.reschedule(valid.orElseThrow());
        }
    }

    private void create(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        String name = form.get("name").strip();
        String organization = form.get("organization").strip();
        Optional<CaKeySpec> keySpec = Arrays.stream(CaKeySpec.values())
                .filter(spec -> spec.name().equals(form.get("keyType"))).findFirst();
        List<String> errors = new ArrayList<>();
        if (name.isEmpty() || name.length() > 64) {
            errors.add(pages.text("ca.name.invalid"));
        }
        if (organization.length() > 64) {
            errors.add(pages.text("ca.organization.invalid"));
        }
        if (keySpec.isEmpty()) {
            errors.add(pages.text("ca.keyType.invalid"));
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), errors);
            return;
        }
        IssuingCa root = IssuingCa.createPrivateRoot(keySpec.get(), name,
                organization.isEmpty() ? null : organization, clock.instant(), crypto);
        String created = "private root created: " + root.name() + ", " + keySpec.get().name() + ", serial "
                + root.certificate().getSerialNumber().toString(16);
        set(request, response, admin, root, form.get("replace").equals("yes"), "ca.created", created, "created");
    }

    private void upload(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        Optional<Form.Upload> file = form.file("pkcs12");
        if (file.isEmpty() || file.get().data().length == 0) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("ca.upload.empty")));
            return;
        }
        char[] password = form.get("password").toCharArray();
        IssuingCaResult result;
        try {
            result = IssuingCa.fromPkcs12(file.get().data(), password, clock.instant());
        } finally {
            Arrays.fill(password, '\0');
        }
        if (result instanceof IssuingCaResult.Rejected rejected) {
            List<String> errors = new ArrayList<>();
            errors.add(pages.text("ca.upload.rejected", file.get().fileName()));
            for (IssuingCaResult.Finding finding : rejected.findings()) {
                errors.add(pages.text("ca.problem." + finding.problem().name()) + " " + finding.detail());
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), errors);
            return;
        }
        IssuingCa uploaded = ((IssuingCaResult.Loaded) result).ca();
        String detail = "issuing CA uploaded: " + uploaded.name() + ", serial "
                + uploaded.certificate().getSerialNumber().toString(16);
        set(request, response, admin, uploaded, form.get("replace").equals("yes"), "ca.uploaded", detail,
                "uploaded");
    }

    /** Installs the first CA, or replaces the current one (which is retired and keeps its CRL), audits, redirects. */
    private void set(HttpServletRequest request, HttpServletResponse response, UserProfile admin, IssuingCa next,
                     boolean replace, String event, String detail, String done) throws IOException {
        if (!replace) {
            ca.install(next);
            rescheduleWatchDog();
            pages.audit(admin, event, "ca", detail);
            redirect(request, response, done);
            return;
        }
        IssuingCa previous = stored().orElseThrow();
        URI crl = ca.replace(next);
        rescheduleWatchDog();
        pages.audit(admin, "ca.replaced", "ca", detail + ", its CRL at " + crl + "; replaced " + previous.name()
                + ", serial " + previous.certificate().getSerialNumber().toString(16)
                + " (retired: it signs only the CRL of the certificates it issued)");
        redirect(request, response, "replaced");
    }

    private Optional<IssuingCa> stored() {
        return ca.issuingCa();
    }

    private void render(HttpServletRequest request, HttpServletResponse response, List<String> messages,
                        List<String> errors) throws IOException {
        render(request, response, messages, errors, model -> { });
    }

    private void render(HttpServletRequest request, HttpServletResponse response, List<String> messages,
                        List<String> errors, java.util.function.Consumer<Model> extra) throws IOException {
        Model model = Model.create().texts("messages", messages);
        List<String> allErrors = new ArrayList<>(errors);
        Optional<IssuingCa> issuing = Optional.empty();
        Optional<BuiltInCertificateAuthority> authority = Optional.empty();
        try {
            issuing = stored();
            authority = ca.authority();
        } catch (CaException | IllegalStateException e) {
            allErrors.add(pages.text("ca.unusable", e.getMessage()));
        }
        List<Model> retired = new ArrayList<>();
        try {
            for (Map.Entry<IssuingCa, URI> old : ca.retired()) {
                X509Certificate oldCertificate = old.getKey().certificate();
                retired.add(Model.create().text("subject", oldCertificate.getSubjectX500Principal().getName())
                        .text("serial", oldCertificate.getSerialNumber().toString(16))
                        .text("notAfter", oldCertificate.getNotAfter().toInstant().toString())
                        .text("crlUrl", old.getValue().toString()));
            }
        } catch (CaException | IllegalStateException e) {
            allErrors.add(pages.text("ca.unusable", e.getMessage()));
        }
        model.texts("errors", allErrors).flag("caSet", issuing.isPresent())
                .text("crlUrl", ca.profile().crlUrl().toString())
                .models("retired", retired).flag("hasRetired", !retired.isEmpty());
        List<Model> keyTypes = new ArrayList<>();
        for (CaKeySpec spec : CaKeySpec.values()) {
            keyTypes.add(Model.create().text("value", spec.name())
                    .text("label", spec.name().replace('_', ' ')).flag("selected", spec == CaKeySpec.RSA_3072));
        }
        model.models("keyTypes", keyTypes);
        X509Certificate certificate = issuing.map(IssuingCa::certificate).orElse(null);
        model.text("subject", certificate == null ? "" : certificate.getSubjectX500Principal().getName())
                .text("issuer", certificate == null ? "" : certificate.getIssuerX500Principal().getName())
                .text("serial", certificate == null ? "" : certificate.getSerialNumber().toString(16))
                .text("notBefore", certificate == null ? "" : certificate.getNotBefore().toInstant().toString())
                .text("notAfter", certificate == null ? "" : certificate.getNotAfter().toInstant().toString())
                .text("keyAlgorithm", certificate == null ? "" : certificate.getPublicKey().getAlgorithm())
                .text("fingerprint", certificate == null ? "" : sha256(certificate))
                .text("chainLength", String.valueOf(issuing.map(IssuingCa::certificatePath).map(List::size)
                        .orElse(0)))
                .flag("privateRoot", certificate != null
                        && certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()));
        int limit = ca.profile().maxLive();
        int live = authority.map(a -> a.live().size()).orElse(0);
        model.text("live", String.valueOf(live)).text("limit", String.valueOf(limit))
                .flag("limitReached", live >= limit);
        List<Model> months = new ArrayList<>();
        SortedMap<YearMonth, Integer> counts = authority.isPresent() ? ca.archive().creationsPerMonth()
                : new java.util.TreeMap<>();
        int total = 0;
        for (Map.Entry<YearMonth, Integer> month : counts.entrySet()) {
            months.add(Model.create().text("month", month.getKey().toString())
                    .text("count", String.valueOf(month.getValue())));
            total += month.getValue();
        }
        model.models("months", months).flag("noMonths", months.isEmpty()).text("total", String.valueOf(total))
                .text("archiveHref", request.getContextPath() + Screen.CA_ARCHIVE.path())
                .text("maxCsvKb", String.valueOf(CaAdministration.MAX_CSV_BYTES / 1024))
                .flag("batchPreview", false).flag("batchDone", false);
        extra.accept(model);
        pages.render(request, response, Screen.CA, model);
    }

    private static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "";
        }
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String done)
            throws IOException {
        response.sendRedirect(request.getContextPath() + Screen.CA.path() + "?done=" + done);
    }
}
