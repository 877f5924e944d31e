package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.ca.ArchivedCertificate;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.ca.Pkcs12Export;
import io.mailseal.ca.Revocation;
import io.mailseal.ca.RevocationReason;
import io.mailseal.confluence.ca.ManagedCa;
import io.mailseal.confluence.jobs.CaAdministration;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Admin page "Certificate archive" ({@code /plugins/servlet/mailseal/admin/ca/archive}, below the CA screen): every
 * certificate the built-in CA issued, newest first, with address, subject, serial, validity and status (live,
 * expired, not yet valid, or revoked with its reason), filtered by a part of the address or of the serial, {@value
 * #PAGE_SIZE} to a page. Choosing a serial shows its two actions:
 *
 * <ul>
 *   <li>"Recover": the admin chooses a passphrase (twice; checked by {@link io.mailseal.ca.PassphrasePolicy}) and the
 *       PKCS#12 protection (modern or legacy), and gets a PKCS#12 file with the certificate, its private key and the
 *       CA chain as a download ({@code Content-Disposition: attachment}, {@code Cache-Control: no-store}); audited
 *       as {@code ca.archive.recovered} with serial and address, never the passphrase, which is neither kept, logged
 *       nor shown back;</li>
 *   <li>"Revoke" (a live certificate): with a reason of {@link RevocationReason}, under the sync's run lock, exactly as
 *       the sync revokes ({@link CaAdministration#revoke}): the next CRL lists it and its managed key is removed;
 *       audited as {@code ca.archive.revoked}.</li>
 * </ul>
 *
 * <p>Both are POSTs with the XSRF token by a system administrator in WebSudo; a GET never recovers or revokes.
 *
 * <p>Thread-safe: no state of its own besides the injected services.
 */
@SystemAdminOnly
public final class CaArchiveServlet extends AdminServlet {

    /** How many certificates a page lists. */
    public static final int PAGE_SIZE = 50;
    /** The longest filter read. */
    private static final int MAX_FILTER = 254;
    private static final long serialVersionUID = 1L;

    private final transient ManagedCa ca;
    private final transient CaAdministration administration;
    private final transient Clock clock;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages          the pages' common parts
     * @param ca             the built-in CA and its archive
     * @param administration recovery and revocation
     * @param clock          what is live now
     */
    public CaArchiveServlet(WebPages pages, ManagedCa ca, CaAdministration administration, Clock clock) {
        super(pages, Screen.CA_ARCHIVE);
        this.ca = Objects.requireNonNull(ca, "ca");
        this.administration = Objects.requireNonNull(administration, "administration");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        List<String> messages = new ArrayList<>();
        String done = request.getParameter("done");
        if ("revoked".equals(done) || "revokedUnreported".equals(done)) {
            messages.add(pages.text("caArchive.done." + done));
        }
        render(request, response, messages, List.of(), request.getParameter("serial"), model -> { });
    }

    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        String operation = form.get("operation");
        Optional<BigInteger> serial = serial(form.get("serial"));
        if (!operation.equals("recover") && !operation.equals("revoke")) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("ca.unknownOperation")), null, model -> { });
            return;
        }
        if (serial.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("caArchive.badSerial")), null, model -> { });
            return;
        }
        if (operation.equals("recover")) {
            recover(request, response, admin, form, serial.get());
        } else {
            revoke(request, response, admin, form, serial.get());
        }
    }

    private void recover(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form,
                         BigInteger serial) throws IOException {
        String hex = serial.toString(16);
        Optional<Pkcs12Export.Protection> protection = Arrays.stream(Pkcs12Export.Protection.values())
                .filter(p -> p.name().equals(form.get("protection"))).findFirst();
        if (protection.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("caArchive.badProtection")), hex, model -> { });
            return;
        }
        char[] passphrase = form.get("passphrase").toCharArray();
        char[] repeat = form.get("passphraseRepeat").toCharArray();
        try {
            if (!Arrays.equals(passphrase, repeat)) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                render(request, response, List.of(), List.of(pages.text("caArchive.passphraseMismatch")), hex,
                        model -> { });
                return;
            }
            CaAdministration.Recovery recovery = administration.recover(serial, passphrase, protection.get());
            if (recovery instanceof CaAdministration.Recovery.Weak weak) {
                List<String> errors = new ArrayList<>();
                errors.add(pages.text("caArchive.weak"));
                errors.addAll(weak.verdict().problems());
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                render(request, response, List.of(), errors, hex, model -> { });
                return;
            }
            if (recovery instanceof CaAdministration.Recovery.Refused refused) {
                response.setStatus(HttpServletResponse.SC_NOT_FOUND);
                render(request, response, List.of(), List.of(pages.text("caArchive.notRecovered", refused.reason())),
                        null, model -> { });
                return;
            }
            CaAdministration.Recovery.Exported exported = (CaAdministration.Recovery.Exported) recovery;
            IssuedCertificate certificate = exported.certificate();
            pages.audit(admin, "ca.archive.recovered", certificate.address().value(), "certificate with private key"
                    + " recovered as PKCS#12 (" + protection.get().name().toLowerCase(Locale.ROOT) + "): serial "
                    + certificate.serialHex() + ", " + certificate.address().value());
            byte[] p12 = exported.p12();
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/x-pkcs12");
            response.setHeader("Content-Disposition", "attachment; filename=\""
                    + certificate.address().value().replaceAll("[^A-Za-z0-9@._-]", "_") + "-"
                    + certificate.serialHex() + ".p12\"");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLength(p12.length);
            OutputStream out = response.getOutputStream();
            out.write(p12);
            out.flush();
        } finally {
            Arrays.fill(passphrase, '\0');
            Arrays.fill(repeat, '\0');
        }
    }

    private void revoke(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form,
                        BigInteger serial) throws IOException {
        String hex = serial.toString(16);
        Optional<RevocationReason> reason = Arrays.stream(RevocationReason.values())
                .filter(r -> r.name().equals(form.get("reason"))).findFirst();
        if (reason.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("caArchive.badReason")), hex, model -> { });
            return;
        }
        CaAdministration.Revoke revoke = administration.revoke(serial, reason.get(), admin.getUsername());
        if (revoke instanceof CaAdministration.Revoke.Busy busy) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            render(request, response, List.of(), List.of(pages.text("ca.batch.busy", busy.running().isEmpty()
                    ? pages.text("use.starting") : busy.running())), hex, model -> { });
            return;
        }
        if (revoke instanceof CaAdministration.Revoke.Refused refused) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            render(request, response, List.of(), List.of(pages.text("caArchive.notRevoked", refused.reason())), hex,
                    model -> { });
            return;
        }
        CaAdministration.Revoke.Revoked revoked = (CaAdministration.Revoke.Revoked) revoke;
        pages.audit(admin, "ca.archive.revoked", revoked.certificate().address().value(), "certificate revoked: serial "
                + revoked.certificate().serialHex() + ", " + revoked.certificate().address().value() + ", reason "
                + reason.get().name().toLowerCase(Locale.ROOT) + "; its managed key was removed; S/MIME report "
                + revoked.reported().map(problem -> "not sent: " + problem).orElse("sent"));
        response.sendRedirect(request.getContextPath() + Screen.CA_ARCHIVE.path() + "?serial=" + hex
                + "&done=" + (revoked.reported().isEmpty() ? "revoked" : "revokedUnreported"));
    }

    private static Optional<BigInteger> serial(String text) {
        String hex = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{1,64}")) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger(hex, 16));
    }

    private void render(HttpServletRequest request, HttpServletResponse response, List<String> messages,
                        List<String> errors, String selectedSerial, Consumer<Model> extra) throws IOException {
        Model model = Model.create().texts("messages", messages).texts("errors", errors);
        String base = request.getContextPath() == null ? "" : request.getContextPath();
        model.text("caHref", base + Screen.CA.path());
        boolean caSet = ca.isSetUp();
        model.flag("caSet", caSet);
        String filter = Optional.ofNullable(request.getParameter("q")).orElse("").strip();
        if (filter.length() > MAX_FILTER) {
            filter = filter.substring(0, MAX_FILTER);
        }
        Instant now = clock.instant();
        List<ArchivedCertificate> matching = caSet ? matching(filter) : List.of();
        int pageCount = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(pageCount, Math.max(1, number(request.getParameter("page"))));
        List<Model> rows = new ArrayList<>();
        for (ArchivedCertificate entry : matching.subList((page - 1) * PAGE_SIZE,
                Math.min(matching.size(), page * PAGE_SIZE))) {
            rows.add(row(entry, now).text("href", base + Screen.CA_ARCHIVE.path() + "?serial="
                    + entry.certificate().serialHex()));
        }
        model.text("filter", filter).models("rows", rows).flag("noRows", rows.isEmpty())
                .text("count", String.valueOf(matching.size())).text("page", String.valueOf(page))
                .text("pages", String.valueOf(pageCount)).flag("hasPrevious", page > 1)
                .flag("hasNext", page < pageCount)
                .text("previousHref", pageHref(base, filter, page - 1)).text("nextHref", pageHref(base, filter,
                        page + 1));
        Optional<ArchivedCertificate> selected = caSet ? serial(selectedSerial).flatMap(ca.archive()::find)
                : Optional.empty();
        model.flag("selected", selected.isPresent());
        if (selected.isPresent()) {
            Model detail = row(selected.get(), now);
            model.model("detail", detail);
        }
        List<Model> reasons = new ArrayList<>();
        for (RevocationReason reason : RevocationReason.values()) {
            reasons.add(Model.create().text("value", reason.name())
                    .text("label", pages.text("caArchive.reason." + reason.name()))
                    .flag("selected", reason == RevocationReason.CESSATION_OF_OPERATION));
        }
        model.models("reasons", reasons);
        extra.accept(model);
        pages.render(request, response, Screen.CA_ARCHIVE, model);
    }

    private static String pageHref(String base, String filter, int page) {
        return base + Screen.CA_ARCHIVE.path() + "?q=" + java.net.URLEncoder.encode(filter,
                java.nio.charset.StandardCharsets.UTF_8) + "&page=" + page;
    }

    /** The entries whose address or serial contains the filter, newest first. */
    private List<ArchivedCertificate> matching(String filter) {
        String needle = filter.toLowerCase(Locale.ROOT);
        return ca.archive().entries().stream()
                .filter(entry -> needle.isEmpty()
                        || entry.certificate().address().value().toLowerCase(Locale.ROOT).contains(needle)
                        || entry.certificate().serialHex().contains(needle))
                .sorted(Comparator.comparing((ArchivedCertificate entry) -> entry.certificate().issuedAt())
                        .reversed())
                .toList();
    }

    private Model row(ArchivedCertificate entry, Instant now) {
        IssuedCertificate certificate = entry.certificate();
        Optional<Revocation> revocation = entry.findRevocation();
        String status;
        if (revocation.isPresent()) {
            status = pages.text("caArchive.status.revoked", revocation.get().revokedAt().toString(),
                    pages.text("caArchive.reason." + revocation.get().reason().name()));
        } else if (entry.liveAt(now)) {
            status = pages.text("caArchive.status.live");
        } else if (now.isBefore(certificate.notBefore())) {
            status = pages.text("caArchive.status.notYetValid");
        } else {
            status = pages.text("caArchive.status.expired");
        }
        return Model.create().text("serial", certificate.serialHex()).text("address", certificate.address().value())
                .text("subject", certificate.certificate().getSubjectX500Principal().getName())
                .text("notBefore", certificate.notBefore().toString())
                .text("notAfter", certificate.notAfter().toString()).text("status", status)
                .flag("live", entry.liveAt(now)).flag("revoked", revocation.isPresent());
    }

    private static int number(String text) {
        try {
            return text == null ? 1 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
