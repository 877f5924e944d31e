package io.mailseal.confluence.web;

import io.mailseal.confluence.mail.SettingsOutboundSource;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.SigningKeyCheck;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.format.PrivateKeyDetector;
import io.mailseal.keys.select.Selection;
import io.mailseal.keys.source.ConfiguredKeyDirectory;
import io.mailseal.keys.source.KeyFileFormat;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Settings;
import io.mailseal.store.SettingsStore;
import io.mailseal.store.UploadChange;
import io.mailseal.store.UserKeyUploads;
import io.mailseal.store.UserUpload;
import java.io.Serializable;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * The profile page's key uploads: checks a file a user offers, saves it, lists and removes a user's own uploads, and
 * tells which key Mailseal uses for the user's address.
 *
 * <p>A file is accepted only if it holds no private key, is at most {@value #MAX_KEY_BYTES} bytes, is an S/MIME
 * certificate (DER, PEM, PKCS#7 {@code .p7b}/{@code .p7m}) or an OpenPGP public key (armored or binary) of a type the
 * settings allow users to upload, and holds a key that the engine's selection rules accept for the user's own
 * address (the same rules the mail path applies). Every refusal is a value with an i18n key naming the reason.
 *
 * <p>Thread-safe: the stores and readers it holds are.
 */
public final class KeyUploads {

    /** The largest key file accepted. */
    public static final int MAX_KEY_BYTES = 64 * 1024;

    private final UserKeyUploads uploads;
    private final SettingsStore settings;
    private final SettingsOutboundSource outbound;
    private final Map<KeyType, KeyFileFormat<?>> formats = new EnumMap<>(KeyType.class);

    /**
     * Creates the service.
     *
     * @param uploads  the users' uploads
     * @param settings the settings (which uploads are allowed)
     * @param outbound the mail path's key directory (its cache is expired for an address whose upload changed)
     * @param crypto   the crypto runtime
     * @param clock    "now" for the selection rules
     */
    public KeyUploads(UserKeyUploads uploads, SettingsStore settings, SettingsOutboundSource outbound,
                      CryptoRuntime crypto, Clock clock) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        formats.put(KeyType.SMIME, KeyFileFormat.smime(Objects.requireNonNull(crypto, "crypto"), clock));
        formats.put(KeyType.PGP, KeyFileFormat.pgp(Objects.requireNonNull(clock, "clock")));
    }

    /** What checking a file gave. */
    public sealed interface Check {
    }

    /**
     * The file may be saved.
     *
     * @param type    S/MIME or PGP
     * @param address the user's address it is for
     * @param details what the user is shown before saving, in order (label key without prefix → value; an empty
     *                {@code key.notAfter} means the key never expires)
     * @param data    the file
     */
    public record Acceptable(KeyType type, EmailAddress address, Map<String, String> details, byte[] data)
            implements Check {

        /** Copies, keeping the order of the details. */
        public Acceptable {
            details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /**
     * The file is refused; nothing is saved.
     *
     * @param key       the i18n key of the reason, without the {@code mailseal.} prefix
     * @param arguments its arguments
     */
    public record Refused(String key, List<Serializable> arguments) implements Check {

        /** Copies. */
        public Refused {
            arguments = List.copyOf(arguments);
        }

        static Refused of(String key, Serializable... arguments) {
            return new Refused(key, List.of(arguments));
        }
    }

    /**
     * Which types users may upload now.
     *
     * @param smime S/MIME certificates
     * @param pgp   PGP keys
     */
    public record Allowed(boolean smime, boolean pgp) {

        /**
         * Whether any upload is allowed.
         *
         * @return true if either type is
         */
        public boolean any() {
            return smime || pgp;
        }

        boolean allows(KeyType type) {
            return type == KeyType.SMIME ? smime : pgp;
        }
    }

    /**
     * Which uploads the stored settings allow (none if the settings cannot be read).
     *
     * @return the allowed types
     */
    public Allowed allowed() {
        SettingsStore.Loaded loaded = settings.load();
        Settings current = loaded instanceof SettingsStore.Found found ? found.settings()
                : loaded instanceof SettingsStore.Missing missing ? missing.defaults() : null;
        return current == null ? new Allowed(false, false)
                : new Allowed(current.smime().allowUserUploads(), current.pgp().allowUserUploads());
    }

    /**
     * Checks a file for a user.
     *
     * @param email the user's e-mail address as Confluence has it; may be null
     * @param data  the file
     * @return acceptable with the details to show, or the reason it is refused
     */
    public Check check(String email, byte[] data) {
        Optional<EmailAddress> address = EmailAddress.find(email);
        if (address.isEmpty()) {
            return Refused.of("keys.refused.noAddress");
        }
        if (data.length == 0) {
            return Refused.of("keys.refused.empty");
        }
        if (data.length > MAX_KEY_BYTES) {
            return Refused.of("keys.refused.tooLarge", MAX_KEY_BYTES / 1024);
        }
        Optional<String> privateKey = PrivateKeyDetector.find(data);
        if (privateKey.isPresent()) {
            return Refused.of("keys.refused.privateKey", privateKey.get());
        }
        Allowed allowed = allowed();
        if (!allowed.any()) {
            return Refused.of("keys.refused.uploadsOff");
        }
        List<String> unreadable = new ArrayList<>();
        for (KeyType type : KeyType.values()) {
            KeyFileFormat.Parsed<?> parsed = formats.get(type).parse(data);
            if (parsed.keys().isEmpty()) {
                if (parsed.error() != null) {
                    unreadable.add(parsed.error());
                }
                continue;
            }
            if (!allowed.allows(type)) {
                return Refused.of("keys.refused.typeOff", type.name());
            }
            return select(type, address.get(), parsed, data);
        }
        return Refused.of("keys.refused.unreadable", String.join("; ", unreadable));
    }

    @SuppressWarnings("unchecked")
    private <T> Check select(KeyType type, EmailAddress address, KeyFileFormat.Parsed<T> parsed, byte[] data) {
        KeyFileFormat<T> format = (KeyFileFormat<T>) formats.get(type);
        Selection selection = format.select(address, parsed.keys());
        if (selection.accepted().isEmpty()) {
            List<String> reasons = new ArrayList<>();
            for (Rejection rejection : selection.rejected()) {
                reasons.add(rejection.reason().name() + ": " + rejection.detail());
            }
            boolean otherAddress = !selection.rejected().isEmpty() && selection.rejected().stream()
                    .allMatch(r -> r.reason() == io.mailseal.keys.RejectionReason.ADDRESS_MISMATCH);
            return otherAddress ? Refused.of("keys.refused.otherAddress", address.value(), String.join("; ", reasons))
                    : Refused.of("keys.refused.rejected", address.value(), String.join("; ", reasons));
        }
        return new Acceptable(type, address, details(selection.accepted().get(0)), data);
    }

    /**
     * Saves a checked file as the user's upload, and forgets the cached keys of the address.
     *
     * @param owner      the user's key
     * @param acceptable the checked file
     * @return the saved upload, or why the store refused it
     */
    public UploadChange save(String owner, Acceptable acceptable) {
        UploadChange change = uploads.save(owner, acceptable.address(), acceptable.type(), acceptable.data());
        if (change instanceof UploadChange.Done) {
            outbound.expire(acceptable.address());
        }
        return change;
    }

    /**
     * Removes one of the user's own uploads, and forgets the cached keys of its address.
     *
     * @param owner    the user's key
     * @param uploadId the upload's id
     * @return the removed upload, or why not (another user's, no such upload)
     */
    public UploadChange remove(String owner, String uploadId) {
        UploadChange change = uploads.remove(owner, uploadId);
        if (change instanceof UploadChange.Done done) {
            outbound.expire(done.upload().address());
        }
        return change;
    }

    /**
     * A user's uploads.
     *
     * @param owner the user's key
     * @return the uploads, newest first
     */
    public List<UserUpload> uploadsOf(String owner) {
        return uploads.uploadsOf(owner);
    }

    /**
     * How an upload reads now: the key's summary and whether the rules accept it for its address today.
     *
     * @param upload the upload
     * @return the details (label key without prefix → value), and the rejection reason if it is not usable
     */
    public Map<String, String> describe(UserUpload upload) {
        KeyType type = upload.key().type();
        KeyFileFormat.Parsed<?> parsed = formats.get(type).parse(upload.key().data());
        return describe(type, upload.address(), parsed);
    }

    private <T> Map<String, String> describe(KeyType type, EmailAddress address, KeyFileFormat.Parsed<T> parsed) {
        @SuppressWarnings("unchecked")
        KeyFileFormat<T> format = (KeyFileFormat<T>) formats.get(type);
        Map<String, String> details = new LinkedHashMap<>();
        if (parsed.keys().isEmpty()) {
            details.put("rejected", String.valueOf(parsed.error()));
            return details;
        }
        Selection selection = format.select(address, parsed.keys());
        if (!selection.accepted().isEmpty()) {
            details.putAll(details(selection.accepted().get(0)));
        } else if (!selection.rejected().isEmpty()) {
            Rejection rejection = selection.rejected().get(0);
            details.put("key.id", rejection.key().id());
            details.put("key.subject", rejection.key().subject());
            details.put("rejected", rejection.reason().name() + ": " + rejection.detail());
        }
        return details;
    }

    /**
     * The key Mailseal would use for an address now, per type (from the mail path's directory and cache).
     *
     * @param address the address
     * @return per type, the key and its source; or the problems of settings that cannot be used
     */
    public Checked<Map<KeyType, Optional<LookupResult.Found>>> inUse(EmailAddress address) {
        Checked<ConfiguredKeyDirectory> directory = outbound.keyDirectory();
        if (directory instanceof Checked.Invalid<ConfiguredKeyDirectory> invalid) {
            return new Checked.Invalid<>(invalid.problems());
        }
        Map<KeyType, Optional<LookupResult.Found>> found = new EnumMap<>(KeyType.class);
        for (KeyType type : KeyType.values()) {
            found.put(type, directory.orElseThrow().lookup(address, type).selected());
        }
        return new Checked.Valid<>(found);
    }

    /** The details a user checks before saving: the rules' summary plus the key's own facts. */
    private static Map<String, String> details(RecipientKey key) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("key.type", key.type().name());
        details.put("key.subject", key.summary().subject());
        if (key instanceof RecipientKey.Smime smime) {
            X509Certificate certificate = smime.certificate();
            details.put("key.id", key.summary().id());
            details.put("key.issuer", certificate.getIssuerX500Principal().getName());
            details.put("key.notBefore", certificate.getNotBefore().toInstant().toString());
            details.put("key.notAfter", certificate.getNotAfter().toInstant().toString());
            details.put("key.algorithm", SigningKeyCheck.algorithm(certificate.getPublicKey()));
            details.put("key.fingerprint", SigningKeyCheck.sha256(certificate));
        } else if (key instanceof RecipientKey.Pgp pgp) {
            PGPPublicKeyRing ring = pgp.keyRing();
            List<String> userIds = new ArrayList<>();
            for (Iterator<String> ids = ring.getPublicKey().getUserIDs(); ids.hasNext(); ) {
                userIds.add(ids.next());
            }
            details.put("key.userIds", String.join(", ", userIds));
            details.put("key.id", key.summary().id());
            details.put("key.encryptionKey", pgp.encryptionFingerprint());
            details.put("key.notBefore", ring.getPublicKey().getCreationTime().toInstant().toString());
            details.put("key.notAfter", pgp.expires() == null ? "" : pgp.expires().toString());
            details.put("key.algorithm", SigningKeyCheck.pgpAlgorithm(ring.getPublicKey()));
        }
        return details;
    }
}
