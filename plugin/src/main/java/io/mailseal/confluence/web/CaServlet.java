package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.CaException;
import io.mailseal.ca.CaKeySpec;
import io.mailseal.ca.IssuingCa;
import io.mailseal.ca.IssuingCaResult;
import io.mailseal.confluence.ca.ManagedCa;
import io.mailseal.crypto.CryptoRuntime;
import java.io.IOException;
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
 * it would lose their CRL).
 *
 * <p>Every change is a POST with the XSRF token by a system administrator in WebSudo, and is audited.
 *
 * <p>Thread-safe: no state of its own besides the injected services.
 */
@SystemAdminOnly
public final class CaServlet extends AdminServlet {

    /** The largest PKCS#12 file accepted. */
    public static final int MAX_PKCS12_BYTES = 256 * 1024;
    private static final long serialVersionUID = 1L;

    private final transient ManagedCa ca;
    private final transient CryptoRuntime crypto;
    private final transient Clock clock;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages  the pages' common parts
     * @param ca     the built-in CA
     * @param crypto the crypto runtime (creating a root)
     * @param clock  the time
     */
    public CaServlet(WebPages pages, ManagedCa ca, CryptoRuntime crypto, Clock clock) {
        super(pages, Screen.CA);
        this.ca = Objects.requireNonNull(ca, "ca");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected int maxFormBytes() {
        return MAX_PKCS12_BYTES + 64 * 1024;
    }

    @Override
    protected void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        List<String> messages = new ArrayList<>();
        String done = request.getParameter("done");
        if (done != null && done.matches("created|uploaded")) {
            messages.add(pages.text("ca.done." + done));
        }
        render(request, response, messages, List.of());
    }

    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        String operation = form.get("operation");
        if (!operation.equals("create") && !operation.equals("upload")) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, List.of(), List.of(pages.text("ca.unknownOperation")));
            return;
        }
        if (stored().isPresent()) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            render(request, response, List.of(), List.of(pages.text("ca.alreadySet")));
            return;
        }
        if (operation.equals("create")) {
            create(request, response, admin, form);
        } else {
            upload(request, response, admin, form);
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
        ca.install(root);
        pages.audit(admin, "ca.created", "ca", "private root created: " + root.name() + ", "
                + keySpec.get().name() + ", serial " + root.certificate().getSerialNumber().toString(16));
        redirect(request, response, "created");
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
        ca.install(uploaded);
        pages.audit(admin, "ca.uploaded", "ca", "issuing CA uploaded: " + uploaded.name() + ", serial "
                + uploaded.certificate().getSerialNumber().toString(16));
        redirect(request, response, "uploaded");
    }

    private Optional<IssuingCa> stored() {
        return ca.issuingCa();
    }

    private void render(HttpServletRequest request, HttpServletResponse response, List<String> messages,
                        List<String> errors) throws IOException {
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
        model.texts("errors", allErrors).flag("caSet", issuing.isPresent())
                .text("crlUrl", ca.crlUrl().toString());
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
        model.models("months", months).flag("noMonths", months.isEmpty()).text("total", String.valueOf(total));
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
