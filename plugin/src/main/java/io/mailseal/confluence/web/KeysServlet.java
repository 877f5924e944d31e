package io.mailseal.confluence.web;

import com.atlassian.annotations.security.LicensedOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.store.ContentPasswordStore;
import io.mailseal.store.KeyDownload;
import io.mailseal.store.ManagedKeyStatus;
import io.mailseal.store.UploadChange;
import io.mailseal.store.UserUpload;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The user's "Email security" page ({@code /plugins/servlet/mailseal/keys}, in the profile's settings): the key
 * Mailseal uses for the user's address per type and where it comes from, the user's own uploads, and (when the
 * settings allow uploads) an upload form.
 *
 * <p>Uploading takes two steps: {@code operation=check} reads a file (multipart, at most
 * {@value KeyUploads#MAX_KEY_BYTES} bytes) or pasted text and shows what it holds (subject or user IDs, serial or
 * fingerprint, validity, algorithm), or why it is refused (a private key, a key for another address, a type the admin
 * switched off, a key the rules reject); {@code operation=save} checks the same data again and saves it.
 * {@code operation=remove} removes one of the user's own uploads; another user's upload is refused. Each of them is a
 * POST with a valid XSRF token; each upload and removal (and each refused removal of someone else's upload) is
 * audited.
 *
 * <p>The "Password for protected files" section sets ({@code operation=setPassword}: {@code password} twice, at least
 * {@value #MIN_PASSWORD_LENGTH} characters) or removes ({@code operation=removePassword}) the content password of the
 * user's own address, which opens the PDF or ZIP a rule ({@code pdf}, {@code zip}) sends them instead of the mail.
 * The password is never shown back, logged or audited; setting and removing are audited.
 *
 * <p>The "Keys Mailseal manages for you" section lists the managed keys with a private part of the user's own address
 * (S/MIME certificates from the CA or the share, PGP keys of the USE sync) and whether each was downloaded;
 * {@code operation=download} ({@code fingerprint}, the user's current {@code password}, {@code passphrase} and
 * {@code repeat}, for S/MIME {@code format} {@code modern} or {@code legacy}) answers with the key as a file
 * ({@code Content-Disposition: attachment}, {@code Cache-Control: no-store}) after the checks of
 * {@link ManagedKeyDownloads}. Every download ({@code key.downloaded}, here) and every wrong password
 * ({@code key.downloadPasswordRefused}, by {@link ManagedKeyDownloads}, which counts them across the cluster) is
 * audited, never a password, passphrase or key.
 *
 * <p>Any licensed user may use it, for their own keys only; anonymous users are sent to the login page.
 *
 * <p>Thread-safe: holds thread-safe services only.
 */
@LicensedOnly
public final class KeysServlet extends HttpServlet {

    /** The largest form body: a key file of 64 KiB, or its base64 form in the confirmation step, and the fields. */
    public static final int MAX_FORM_BYTES = 128 * 1024;
    /** The shortest content password accepted, in characters. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final long serialVersionUID = 1L;

    private final transient WebPages pages;
    private final transient KeyUploads keys;
    private final transient ContentPasswordStore passwords;
    private final transient ManagedKeyDownloads downloads;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages     the pages' common parts
     * @param keys      the uploads
     * @param passwords the recipients' content passwords
     * @param downloads the managed keys the user may download
     */
    public KeysServlet(WebPages pages, KeyUploads keys, ContentPasswordStore passwords,
                       ManagedKeyDownloads downloads) {
        this.pages = Objects.requireNonNull(pages, "pages");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.downloads = Objects.requireNonNull(downloads, "downloads");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<UserProfile> user = pages.user(request, response);
        if (user.isEmpty()) {
            return;
        }
        List<String> messages = new ArrayList<>();
        if ("true".equals(request.getParameter("uploaded"))) {
            messages.add(pages.text("keys.uploaded"));
        }
        if ("true".equals(request.getParameter("removed"))) {
            messages.add(pages.text("keys.removed"));
        }
        if ("true".equals(request.getParameter("passwordSet"))) {
            messages.add(pages.text("keys.password.set"));
        }
        if ("true".equals(request.getParameter("passwordRemoved"))) {
            messages.add(pages.text("keys.password.removed"));
        }
        render(request, response, user.get(), messages, List.of(), null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<UserProfile> found = pages.user(request, response);
        if (found.isEmpty()) {
            return;
        }
        UserProfile user = found.get();
        Form.Read read = Form.read(request, MAX_FORM_BYTES);
        if (read instanceof Form.TooLarge) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            render(request, response, user, List.of(),
                    List.of(pages.text("keys.refused.tooLarge", KeyUploads.MAX_KEY_BYTES / 1024)), null);
            return;
        }
        if (read instanceof Form.Malformed malformed) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, user, List.of(), List.of(pages.text("error.malformed", malformed.reason())),
                    null);
            return;
        }
        Form form = ((Form.Parsed) read).form();
        if (!pages.acceptsChange(form.request())) {
            pages.refuseChange(request, response, Screen.KEYS);
            return;
        }
        switch (form.get("operation")) {
            case "check" -> check(request, response, user, form);
            case "save" -> save(request, response, user, form);
            case "remove" -> remove(request, response, user, form.get("id"));
            case "setPassword" -> setPassword(request, response, user, form);
            case "removePassword" -> removePassword(request, response, user);
            case "download" -> download(request, response, user, form);
            default -> {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                render(request, response, user, List.of(), List.of(pages.text("keys.unknownOperation")), null);
            }
        }
    }

    /** TRACE would echo the request's headers (cookies included); the container should refuse it, this does too. */
    @Override
    protected final void doTrace(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    private void check(HttpServletRequest request, HttpServletResponse response, UserProfile user, Form form)
            throws IOException {
        Optional<Form.Upload> file = form.file("file");
        byte[] data = file.map(Form.Upload::data).orElse(form.get("text").strip().getBytes(StandardCharsets.UTF_8));
        KeyUploads.Check check = keys.check(user.getEmail(), data);
        if (check instanceof KeyUploads.Refused refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, user, List.of(), List.of(text(refused)), null);
            return;
        }
        render(request, response, user, List.of(pages.text("keys.checked")), List.of(),
                (KeyUploads.Acceptable) check);
    }

    private void save(HttpServletRequest request, HttpServletResponse response, UserProfile user, Form form)
            throws IOException {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(form.get("data").strip());
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, user, List.of(), List.of(pages.text("keys.refused.unreadable", "data")), null);
            return;
        }
        KeyUploads.Check check = keys.check(user.getEmail(), data);
        if (check instanceof KeyUploads.Refused refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, user, List.of(), List.of(text(refused)), null);
            return;
        }
        KeyUploads.Acceptable acceptable = (KeyUploads.Acceptable) check;
        UploadChange change = keys.save(user.getUserKey().getStringValue(), acceptable);
        if (change instanceof UploadChange.Refused refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, user, List.of(), List.of(pages.text("keys.refused.store", refused.message())),
                    null);
            return;
        }
        UserUpload upload = ((UploadChange.Done) change).upload();
        pages.audit(user, "key.uploaded", acceptable.address().value(), acceptable.type().name() + " key "
                + acceptable.details().get("key.id") + " (" + acceptable.details().get("key.subject") + "), upload "
                + upload.id());
        response.sendRedirect(request.getContextPath() + Screen.KEYS.path() + "?uploaded=true");
    }

    private void remove(HttpServletRequest request, HttpServletResponse response, UserProfile user, String id)
            throws IOException {
        UploadChange change = keys.remove(user.getUserKey().getStringValue(), id);
        if (change instanceof UploadChange.Done done) {
            pages.audit(user, "key.removed", done.upload().address().value(),
                    done.upload().key().type().name() + " upload " + done.upload().id());
            response.sendRedirect(request.getContextPath() + Screen.KEYS.path() + "?removed=true");
            return;
        }
        UploadChange.Refused refused = (UploadChange.Refused) change;
        if (refused.reason() == UploadChange.Reason.NOT_OWNER) {
            pages.audit(user, "key.removeRefused", "upload " + id, "the upload belongs to another user");
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            render(request, response, user, List.of(), List.of(pages.text("keys.refused.notOwner")), null);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        render(request, response, user, List.of(), List.of(pages.text("keys.refused.notFound")), null);
    }

    private void setPassword(HttpServletRequest request, HttpServletResponse response, UserProfile user, Form form)
            throws IOException {
        Optional<EmailAddress> address = ownAddress(request, response, user);
        if (address.isEmpty()) {
            return;
        }
        String password = form.get("password");
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            problems.put("password", pages.text("keys.password.refused.short", MIN_PASSWORD_LENGTH));
        } else if (!password.equals(form.get("confirm"))) {
            problems.put("confirm", pages.text("keys.password.refused.mismatch"));
        }
        if (!problems.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, user, List.of(), List.of(pages.text("keys.password.refused")), null,
                    problems);
            return;
        }
        passwords.set(address.get(), Secret.of(password));
        pages.audit(user, "contentPassword.set", address.get().value(), "content password set");
        response.sendRedirect(request.getContextPath() + Screen.KEYS.path() + "?passwordSet=true");
    }

    private void removePassword(HttpServletRequest request, HttpServletResponse response, UserProfile user)
            throws IOException {
        Optional<EmailAddress> address = ownAddress(request, response, user);
        if (address.isEmpty()) {
            return;
        }
        passwords.remove(address.get());
        pages.audit(user, "contentPassword.removed", address.get().value(), "content password removed");
        response.sendRedirect(request.getContextPath() + Screen.KEYS.path() + "?passwordRemoved=true");
    }

    private void download(HttpServletRequest request, HttpServletResponse response, UserProfile user, Form form)
            throws IOException {
        Optional<EmailAddress> address = ownAddress(request, response, user);
        if (address.isEmpty()) {
            return;
        }
        String userKey = user.getUserKey().getStringValue();
        String fingerprint = form.get("fingerprint").strip();
        String password = form.get("password");
        char[] passphrase = form.get("passphrase").toCharArray();
        char[] repeat = form.get("repeat").toCharArray();
        ManagedKeyDownloads.Outcome outcome;
        try {
            outcome = downloads.download(new ManagedKeyDownloads.Request(userKey, address.get(), fingerprint,
                    form.get("format"), passphrase, repeat, () -> pages.passwordMatches(user, password)));
        } finally {
            Arrays.fill(passphrase, '\0');
            Arrays.fill(repeat, '\0');
        }
        if (outcome instanceof ManagedKeyDownloads.File file) {
            KeyDownload done = file.download();
            pages.audit(user, "key.downloaded", done.address().value(), (done.type() == KeyType.SMIME
                    ? "S/MIME certificate serial " + serialOf(address.get(), done.fingerprint()) + ", fingerprint "
                    : "PGP key ") + done.fingerprint() + ", format " + done.format());
            byte[] data = file.data();
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(file.contentType());
            response.setHeader("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLength(data.length);
            response.getOutputStream().write(data);
            Arrays.fill(data, (byte) 0);
            return;
        }
        ManagedKeyDownloads.Refused refused = (ManagedKeyDownloads.Refused) outcome;
        String message;
        int status;
        switch (refused.reason()) {
            case LOCKED -> {
                status = 429;
                message = pages.text("keys.download.refused.locked", until(refused));
            }
            case WRONG_PASSWORD -> {
                status = HttpServletResponse.SC_FORBIDDEN;
                message = refused.lockedUntil().isPresent()
                        ? pages.text("keys.download.refused.passwordLocked", until(refused))
                        : pages.text("keys.download.refused.password");
            }
            case NOT_FOUND -> {
                status = HttpServletResponse.SC_NOT_FOUND;
                message = pages.text("keys.download.refused.notFound");
            }
            case ALREADY_DOWNLOADED -> {
                status = HttpServletResponse.SC_CONFLICT;
                message = pages.text("keys.download.refused.already", refused.details().get(0));
            }
            case PASSPHRASE_MISMATCH -> {
                status = HttpServletResponse.SC_BAD_REQUEST;
                message = pages.text("keys.download.refused.mismatch");
            }
            case WEAK_PASSPHRASE -> {
                status = HttpServletResponse.SC_BAD_REQUEST;
                message = pages.text("keys.download.refused.weak", String.join("; ", refused.details()));
            }
            default -> {
                status = HttpServletResponse.SC_BAD_REQUEST;
                message = pages.text("keys.download.refused.format");
            }
        }
        response.setStatus(status);
        render(request, response, user, List.of(), List.of(pages.text("keys.download.refused", message)), null,
                Map.of(), Map.of(refused.field(), message));
    }

    private static String until(ManagedKeyDownloads.Refused refused) {
        return refused.lockedUntil().map(Object::toString).orElse("");
    }

    private String serialOf(EmailAddress address, String fingerprint) {
        return downloads.offeredTo(address).stream().filter(o -> o.status().fingerprint().equals(fingerprint))
                .map(ManagedKeyDownloads.Offered::serial).findFirst().orElse("?");
    }

    /** The user's own address, or empty after refusing the change because the profile has none. */
    private Optional<EmailAddress> ownAddress(HttpServletRequest request, HttpServletResponse response,
                                              UserProfile user) throws IOException {
        Optional<EmailAddress> address = EmailAddress.find(Objects.toString(user.getEmail(), ""));
        if (address.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, user, List.of(), List.of(pages.text("keys.password.refused.noAddress")), null);
        }
        return address;
    }

    private String text(KeyUploads.Refused refused) {
        return pages.text(refused.key(), refused.arguments().toArray(new Serializable[0]));
    }

    private void render(HttpServletRequest request, HttpServletResponse response, UserProfile user,
                        List<String> messages, List<String> errors, KeyUploads.Acceptable preview)
            throws IOException {
        render(request, response, user, messages, errors, preview, Map.of());
    }

    private void render(HttpServletRequest request, HttpServletResponse response, UserProfile user,
                        List<String> messages, List<String> errors, KeyUploads.Acceptable preview,
                        Map<String, String> passwordProblems) throws IOException {
        render(request, response, user, messages, errors, preview, passwordProblems, Map.of());
    }

    private void render(HttpServletRequest request, HttpServletResponse response, UserProfile user,
                        List<String> messages, List<String> errors, KeyUploads.Acceptable preview,
                        Map<String, String> passwordProblems, Map<String, String> downloadProblems)
            throws IOException {
        KeyUploads.Allowed allowed = keys.allowed();
        String email = Objects.toString(user.getEmail(), "");
        Model model = Model.create()
                .text("email", email)
                .flag("uploadsAllowed", allowed.any())
                .flag("smimeAllowed", allowed.smime())
                .flag("pgpAllowed", allowed.pgp())
                .number("maxKiB", KeyUploads.MAX_KEY_BYTES / 1024)
                .texts("messages", messages)
                .texts("errors", errors);
        List<Model> inUse = new ArrayList<>();
        List<String> inUseProblems = new ArrayList<>();
        Optional<EmailAddress> address = EmailAddress.find(email);
        if (address.isPresent()) {
            Checked<Map<KeyType, Optional<LookupResult.Found>>> current = keys.inUse(address.get());
            if (current instanceof Checked.Invalid<Map<KeyType, Optional<LookupResult.Found>>> invalid) {
                inUseProblems.add(pages.text("keys.inUse.unusable"));
            } else {
                current.orElseThrow().forEach((type, key) -> inUse.add(key
                        .map(f -> KeyRows.key(pages, f.source(), f.key().summary()).flag("found", true))
                        .orElseGet(() -> Model.create().text("type", pages.text("option." + type.name()))
                                .flag("found", false))));
            }
        } else {
            inUseProblems.add(pages.text("keys.refused.noAddress"));
        }
        model.models("inUse", inUse).texts("inUseProblems", inUseProblems);
        String passwordState = "none";
        if (address.isEmpty()) {
            passwordState = "noAddress";
        } else {
            try {
                passwordState = passwords.find(address.get()).isPresent() ? "set" : "none";
            } catch (IllegalStateException e) {
                passwordState = "unreadable";
            }
        }
        model.text("passwordState", pages.text("keys.password.state." + passwordState))
                .flag("passwordForm", address.isPresent())
                .flag("passwordSet", !"none".equals(passwordState) && address.isPresent())
                .number("passwordMin", MIN_PASSWORD_LENGTH)
                .model("passwordProblems", Model.create()
                        .text("password", passwordProblems.getOrDefault("password", ""))
                        .text("confirm", passwordProblems.getOrDefault("confirm", "")));
        List<Model> uploads = new ArrayList<>();
        for (UserUpload upload : keys.uploadsOf(user.getUserKey().getStringValue())) {
            Map<String, String> details = keys.describe(upload);
            uploads.add(Model.create()
                    .text("id", upload.id())
                    .text("type", pages.text("option." + upload.key().type().name()))
                    .text("address", upload.address().value())
                    .text("uploadedAt", upload.key().uploadedAt().toString())
                    .text("keyId", details.getOrDefault("key.id", ""))
                    .text("subject", details.getOrDefault("key.subject", ""))
                    .text("notAfter", details.getOrDefault("key.notAfter", "").isEmpty() ? pages.text("key.never")
                            : details.get("key.notAfter"))
                    .flag("usable", !details.containsKey("rejected"))
                    .text("rejected", details.getOrDefault("rejected", "")));
        }
        model.models("uploads", uploads).flag("hasUploads", !uploads.isEmpty());
        managed(model, user, address, downloadProblems);
        if (preview == null) {
            model.flag("preview", false).models("details", List.of()).text("data", "").text("previewType", "");
        } else {
            List<Model> details = new ArrayList<>();
            preview.details().forEach((label, value) -> details.add(Model.create().text("label", pages.text(label))
                    .text("value", label.equals("key.type") ? pages.text("option." + value)
                            : label.equals("key.notAfter") && value.isEmpty() ? pages.text("key.never") : value)));
            model.flag("preview", true).models("details", details)
                    .text("data", Base64.getEncoder().encodeToString(preview.data()))
                    .text("previewType", pages.text("option." + preview.type().name()));
        }
        pages.render(request, response, Screen.KEYS, model);
    }

    /** The "Keys Mailseal manages for you" section. */
    private void managed(Model model, UserProfile user, Optional<EmailAddress> address,
                         Map<String, String> problems) {
        List<Model> rows = new ArrayList<>();
        List<Model> choices = new ArrayList<>();
        boolean repeat = downloads.repeatAllowed();
        boolean smime = false;
        if (address.isPresent()) {
            for (ManagedKeyDownloads.Offered offered : downloads.offeredTo(address.get())) {
                ManagedKeyStatus status = offered.status();
                String type = pages.text("option." + status.type().name());
                String id = status.type() == KeyType.SMIME ? offered.serial() : status.fingerprint();
                rows.add(Model.create().text("type", type).text("id", id).text("fingerprint", status.fingerprint())
                        .text("created", status.created().toString())
                        .text("expires", status.expires().map(Object::toString).orElse(pages.text("key.never")))
                        .text("downloaded", offered.downloaded() ? pages.text("keys.managed.downloadedAt",
                                offered.downloads().get(offered.downloads().size() - 1).downloadedAt().toString())
                                : pages.text("keys.managed.notDownloaded")));
                if (!offered.downloaded() || repeat) {
                    choices.add(Model.create().text("fingerprint", status.fingerprint())
                            .text("label", type + " " + id));
                    smime |= status.type() == KeyType.SMIME;
                }
            }
        }
        Optional<java.time.Instant> locked = downloads.lockedUntil(user.getUserKey().getStringValue());
        model.models("managed", rows).flag("hasManaged", !rows.isEmpty())
                .models("downloadChoices", choices).flag("canDownload", !choices.isEmpty() && locked.isEmpty())
                .flag("smimeChoice", smime)
                .text("downloadRule", pages.text(repeat ? "keys.managed.repeatAllowed" : "keys.managed.onceOnly"))
                .text("lockedUntil", locked.map(Object::toString).orElse(""))
                .number("passphraseMin", io.mailseal.ca.PassphrasePolicy.MIN_LENGTH)
                .model("downloadProblems", Model.create()
                        .text("password", problems.getOrDefault("password", ""))
                        .text("fingerprint", problems.getOrDefault("fingerprint", ""))
                        .text("passphrase", problems.getOrDefault("passphrase", ""))
                        .text("repeat", problems.getOrDefault("repeat", ""))
                        .text("format", problems.getOrDefault("format", "")));
    }
}
