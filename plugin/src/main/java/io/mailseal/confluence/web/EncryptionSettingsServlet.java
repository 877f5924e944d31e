package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.crypto.SigningKeyCheck;
import io.mailseal.keys.KeyType;
import io.mailseal.settings.Secret;
import io.mailseal.settings.Settings;
import io.mailseal.store.SettingsStore;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Admin screen "Encryption settings" ({@code /plugins/servlet/mailseal/admin/settings}): type priority, fallback,
 * problem report text and admin copy, encrypting for the sender, exemptions (the account-mail rule and JSON-lines
 * rules), subject protection, the S/MIME GCM and OAEP opt-ins, and signing with its identities: files on the server
 * (path and secret in the tables) or keys uploaded here ({@link SigningUploads}).
 *
 * <p>Uploading a signing identity takes two POSTs with the XSRF token: {@code operation=signingCheck} (multipart:
 * {@code type}, {@code file}, {@code password}, {@code address}, {@code opaque}) reads the file in memory and shows
 * the key's details, or the refusal next to the field it is about; {@code operation=signingSave} stores the checked
 * upload ({@code pending}). {@code operation=signingRemove} ({@code type}, {@code address}) removes an uploaded
 * identity. Uploads, refusals and removals are audited (who, which identity; never the key or its password). Secrets
 * are never shown: not in the tables, the preview or the list of uploaded identities.
 *
 * <p>Thread-safe.
 */
@SystemAdminOnly
public final class EncryptionSettingsServlet extends SettingsScreenServlet {

    /** The largest form body: a key file of 64 KiB, or its sealed form in the confirmation step, and the fields. */
    public static final int MAX_FORM_BYTES = 256 * 1024;
    private static final long serialVersionUID = 1L;
    private static final List<String> UPLOAD_FIELDS = List.of("smime.file", "smime.password", "smime.address",
            "pgp.file", "pgp.password", "pgp.address", "pending", "remove");

    private final transient SigningUploads uploads;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages   the pages' common parts
     * @param store   the settings
     * @param uploads the uploaded signing identities
     */
    public EncryptionSettingsServlet(WebPages pages, SettingsStore store, SigningUploads uploads) {
        super(pages, store, Screen.SETTINGS, SettingsForm.ENCRYPTION);
        this.uploads = Objects.requireNonNull(uploads, "uploads");
    }

    @Override
    protected int maxFormBytes() {
        return MAX_FORM_BYTES;
    }

    @Override
    protected void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        if ("true".equals(request.getParameter("signingSaved"))) {
            show(request, response, List.of(pages.text("signing.saved")), List.of(), null);
        } else if ("true".equals(request.getParameter("signingRemoved"))) {
            show(request, response, List.of(pages.text("signing.removed")), List.of(), null);
        } else {
            super.show(request, response, admin);
        }
    }

    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        switch (form.get("operation")) {
            case "signingCheck" -> check(request, response, admin, form);
            case "signingSave" -> answer(request, response, admin, uploads.save(admin.getUserKey().getStringValue(),
                    form.get("pending")), "signingSaved");
            case "signingRemove" -> answer(request, response, admin, type(form.get("type"))
                    .map(type -> uploads.remove(type, form.get("address")))
                    .orElse(SigningUploads.Refused.of("remove", "signing.refused.noSuchIdentity",
                            form.get("address"))), "signingRemoved");
            default -> super.change(request, response, admin, form);
        }
    }

    private void check(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        Optional<KeyType> type = type(form.get("type"));
        if (type.isEmpty()) {
            refuse(request, response, admin, SigningUploads.Refused.of("pending", "signing.refused.type"));
            return;
        }
        SigningUploads.Upload upload = new SigningUploads.Upload(type.get(),
                form.file("file").map(Form.Upload::data).orElse(new byte[0]), Secret.of(form.get("password")),
                form.get("address"), form.checked("opaque"));
        SigningUploads.Outcome outcome = uploads.check(admin.getUserKey().getStringValue(), upload);
        if (outcome instanceof SigningUploads.Refused refused) {
            refuse(request, response, admin, refused);
            return;
        }
        SigningUploads.Checked checked = (SigningUploads.Checked) outcome;
        show(request, response, List.of(pages.text("signing.checked")), List.of(), model -> model
                .flag("signingPreview", true)
                .text("previewType", pages.text("option." + checked.type().name()))
                .text("previewAddress", checked.address())
                .models("previewDetails", details(checked.type(), checked.details()))
                .text("pending", checked.pending()));
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, UserProfile admin,
                        SigningUploads.Outcome outcome, String done) throws IOException {
        if (outcome instanceof SigningUploads.Saved saved) {
            pages.audit(admin, "signing.uploaded", saved.address(), describe(saved.type(), saved.details())
                    + (saved.replaced() ? "; replaced the uploaded identity of this address" : ""));
        } else if (outcome instanceof SigningUploads.Removed removed) {
            pages.audit(admin, "signing.removed", removed.address(), label(removed.type()) + " uploaded identity");
        } else {
            refuse(request, response, admin, (SigningUploads.Refused) outcome);
            return;
        }
        response.sendRedirect(request.getContextPath() + Screen.SETTINGS.path() + "?" + done + "=true");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, UserProfile admin,
                        SigningUploads.Refused refused) throws IOException {
        String reason = pages.text(refused.key(), refused.arguments().toArray(new Serializable[0]));
        String field = pages.text("upload.field." + refused.field());
        pages.audit(admin, "signing.uploadRefused", field, refused.key().substring(refused.key().lastIndexOf('.')
                + 1) + ": " + reason);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        show(request, response, List.of(), List.of(field + ": " + reason), model -> {
            Model problems = Model.create();
            UPLOAD_FIELDS.forEach(name -> problems.text(name.replace('.', '_'),
                    ("upload." + name).equals(refused.field()) ? reason : ""));
            model.model("uploadProblems", problems);
        });
    }

    @Override
    protected void screenValues(Model model, Settings stored) {
        screenValues(model);
        Model problems = Model.create();
        UPLOAD_FIELDS.forEach(name -> problems.text(name.replace('.', '_'), ""));
        List<Model> rows = new ArrayList<>();
        for (SigningUploads.Stored identity : uploads.uploaded(stored)) {
            Model row = Model.create().text("type", pages.text("option." + identity.type().name()))
                    .text("typeName", identity.type().name()).text("address", identity.address())
                    .flag("opaque", identity.opaque());
            if (identity.check() instanceof SigningKeyCheck.Usable usable) {
                row.flag("usable", true).text("problem", "").text("subject", usable.details().subject())
                        .text("fingerprint", usable.details().fingerprint())
                        .text("notAfter", notAfter(usable.details().notAfter()));
            } else {
                SigningKeyCheck.Refused refused = (SigningKeyCheck.Refused) identity.check();
                row.flag("usable", false).text("subject", "").text("fingerprint", "").text("notAfter", "")
                        .text("problem", pages.text("signing.refused." + refused.reason().name(), refused.detail()));
            }
            rows.add(row);
        }
        model.flag("signingUploads", true).models("uploadedIdentities", rows)
                .flag("hasUploadedIdentities", !rows.isEmpty())
                .number("uploadMaxKiB", SigningKeyCheck.MAX_BYTES / 1024)
                .flag("signingPreview", false).text("previewType", "").text("previewAddress", "")
                .models("previewDetails", List.of()).text("pending", "")
                .model("uploadProblems", problems);
    }

    private List<Model> details(KeyType type, SigningKeyCheck.Details details) {
        List<Model> rows = new ArrayList<>();
        Consumer<String[]> add = pair -> rows.add(Model.create().text("label", pages.text("signing.detail."
                + pair[0])).text("value", pair[1]));
        add.accept(new String[] {"addresses", String.join(", ", details.addresses())});
        add.accept(new String[] {type == KeyType.SMIME ? "subject" : "userId", details.subject()});
        if (type == KeyType.SMIME) {
            add.accept(new String[] {"issuer", details.issuer()});
        }
        add.accept(new String[] {"fingerprint", details.fingerprint()});
        if (type == KeyType.PGP) {
            add.accept(new String[] {"signingKey", details.signingKey()});
        }
        add.accept(new String[] {"notBefore", details.notBefore().toString()});
        add.accept(new String[] {"notAfter", notAfter(details.notAfter())});
        add.accept(new String[] {"algorithm", details.algorithm()});
        return rows;
    }

    private String notAfter(Instant notAfter) {
        return notAfter == null ? pages.text("key.never") : notAfter.toString();
    }

    private static String describe(KeyType type, SigningKeyCheck.Details details) {
        return label(type) + " identity " + details.subject() + ", fingerprint " + details.fingerprint()
                + ", valid until " + (details.notAfter() == null ? "never expires" : details.notAfter());
    }

    private static String label(KeyType type) {
        return type == KeyType.SMIME ? "S/MIME" : "PGP";
    }

    private static Optional<KeyType> type(String name) {
        try {
            return Optional.of(KeyType.valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
