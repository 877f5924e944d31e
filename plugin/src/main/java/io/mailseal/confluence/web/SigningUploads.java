package io.mailseal.confluence.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailseal.crypto.SigningKeyCheck;
import io.mailseal.keys.KeyType;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import io.mailseal.settings.Settings;
import io.mailseal.store.SettingsStore;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Signing identities that the admin uploads on the encryption settings screen: an S/MIME PKCS#12 with its password,
 * or an OpenPGP secret key with its passphrase. Two steps, like the profile page's key uploads: {@link #check} reads
 * the file in memory ({@link SigningKeyCheck}: at most {@value SigningKeyCheck#MAX_BYTES} bytes) and, if it can sign
 * for the chosen address, gives its details and a <em>pending</em> token; {@link #save} takes that token back and
 * stores the identity in the settings, its key data and password as sealed secrets.
 *
 * <p>The pending token is the file, the password, the address and the options, sealed by the settings' own
 * {@link SecretCodec} (AES-GCM with the key in the shared home, bound to the admin's user key), so the page that
 * shows the details never holds the password or the key in clear, and any node of the cluster can finish the upload.
 * A token is good for {@link #PENDING_FOR} and for the admin it was made for only.
 *
 * <p>An address has at most one identity per type: a new upload replaces an uploaded identity of the same address,
 * and is refused where a file identity of that address exists (remove that row first). Every refusal is a value
 * naming the form field and an i18n key with its arguments; nothing is stored then.
 *
 * <p>Thread-safe: holds thread-safe services only.
 */
public final class SigningUploads {

    /** How long a checked upload may be saved. */
    public static final Duration PENDING_FOR = Duration.ofMinutes(30);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PENDING_FIELD = "signing.upload.pending.";

    private final SettingsStore store;
    private final SecretCodec seal;
    private final SigningKeyCheck check;
    private final Clock clock;

    /**
     * Creates the service.
     *
     * @param store the settings
     * @param seal  seals pending uploads (the settings' secret codec)
     * @param clock "now" for validity and for the pending tokens
     */
    public SigningUploads(SettingsStore store, SecretCodec seal, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.seal = Objects.requireNonNull(seal, "seal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.check = new SigningKeyCheck(clock);
    }

    /**
     * What an admin asks to upload.
     *
     * @param type     S/MIME or PGP
     * @param data     the file
     * @param password its password or passphrase (may be empty)
     * @param address  the From address it is to sign for; blank to take the key's only address
     * @param opaque   S/MIME: opaque signed-data instead of multipart/signed
     */
    public record Upload(KeyType type, byte[] data, Secret password, String address, boolean opaque) {

        /** Validates and copies. */
        public Upload {
            Objects.requireNonNull(type, "type");
            data = data.clone();
            Objects.requireNonNull(password, "password");
            address = address == null ? "" : address.strip();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public String toString() {
            return "Upload[" + type + ", " + data.length + " bytes, " + address + "]";
        }
    }

    /** What checking, saving or removing gave. */
    public sealed interface Outcome {
    }

    /**
     * The upload can sign; nothing is stored yet.
     *
     * @param type    S/MIME or PGP
     * @param address the From address it will sign for
     * @param details the key's facts, to show
     * @param pending the sealed upload, for {@link #save}; never shows the key or the password
     */
    public record Checked(KeyType type, String address, SigningKeyCheck.Details details, String pending)
            implements Outcome {
    }

    /**
     * The identity is stored.
     *
     * @param type     S/MIME or PGP
     * @param address  its From address
     * @param details  the key's facts
     * @param replaced whether it replaced an uploaded identity of the same address
     */
    public record Saved(KeyType type, String address, SigningKeyCheck.Details details, boolean replaced)
            implements Outcome {
    }

    /**
     * The identity was removed.
     *
     * @param type    S/MIME or PGP
     * @param address its From address
     */
    public record Removed(KeyType type, String address) implements Outcome {
    }

    /**
     * Refused; nothing changed.
     *
     * @param field     the form field it is about (e.g. {@code upload.smime.password})
     * @param key       the i18n key of the reason, without the {@code mailseal.} prefix
     * @param arguments its arguments (never a secret)
     */
    public record Refused(String field, String key, List<Serializable> arguments) implements Outcome {

        /** Copies. */
        public Refused {
            arguments = List.copyOf(arguments);
        }

        static Refused of(String field, String key, Serializable... arguments) {
            return new Refused(field, key, List.of(arguments));
        }
    }

    /**
     * An uploaded identity as stored, with how its key reads now.
     *
     * @param type    S/MIME or PGP
     * @param address its From address
     * @param opaque  S/MIME opaque signing
     * @param check   the check of its stored key and password now (expired keys show their reason)
     */
    public record Stored(KeyType type, String address, boolean opaque, SigningKeyCheck.Result check) {
    }

    /**
     * Checks an upload for the admin.
     *
     * @param adminKey the admin's user key (the pending token is bound to it)
     * @param upload   the upload
     * @return {@link Checked} or {@link Refused}
     */
    public Outcome check(String adminKey, Upload upload) {
        String form = "upload." + upload.type().name().toLowerCase(Locale.ROOT) + ".";
        SigningKeyCheck.Result result = upload.type() == KeyType.SMIME
                ? check.smime(upload.data(), upload.password().reveal().toCharArray())
                : check.pgp(upload.data(), upload.password().reveal().toCharArray());
        if (result instanceof SigningKeyCheck.Refused refused) {
            String field = switch (refused.reason()) {
                case WRONG_PASSWORD -> form + "password";
                case NO_ADDRESS -> form + "address";
                default -> form + "file";
            };
            return Refused.of(field, "signing.refused." + refused.reason().name(), refused.detail());
        }
        SigningKeyCheck.Details details = ((SigningKeyCheck.Usable) result).details();
        String address = upload.address();
        if (address.isEmpty()) {
            if (details.addresses().size() > 1) {
                return Refused.of(form + "address", "signing.refused.chooseAddress",
                        String.join(", ", details.addresses()));
            }
            address = details.addresses().get(0);
        } else if (!details.signsFor(address)) {
            return Refused.of(form + "address", "signing.refused.otherAddress", address,
                    String.join(", ", details.addresses()));
        }
        Settings settings = current();
        if (settings != null && hasFileIdentity(settings, upload.type(), address)) {
            return Refused.of(form + "address", "signing.refused.fileIdentity", address);
        }
        return new Checked(upload.type(), address, details, seal(adminKey, upload, address));
    }

    /**
     * Stores a checked upload: checks it again (time has passed), then adds it to the stored settings, replacing an
     * uploaded identity of the same type and address.
     *
     * @param adminKey the admin's user key
     * @param pending  the token of {@link Checked#pending()}
     * @return {@link Saved} or {@link Refused}
     */
    public Outcome save(String adminKey, String pending) {
        Upload upload = open(adminKey, pending);
        if (upload == null) {
            return Refused.of("upload.pending", "signing.refused.pending", PENDING_FOR.toMinutes());
        }
        Outcome checked = check(adminKey, upload);
        if (!(checked instanceof Checked ok)) {
            return checked;
        }
        Settings settings = current();
        if (settings == null) {
            return Refused.of("upload.pending", "signing.refused.settingsUnusable");
        }
        String keyData = Base64.getEncoder().encodeToString(upload.data());
        Settings.Signing signing = settings.signing();
        boolean replaced = uploadedIndex(settings, ok.type(), ok.address()) >= 0;
        List<Settings.SmimeIdentity> smime = new ArrayList<>(signing.smime());
        List<Settings.PgpIdentity> pgp = new ArrayList<>(signing.pgp());
        if (ok.type() == KeyType.SMIME) {
            smime.removeIf(identity -> identity.uploaded() && same(identity.address(), ok.address()));
            smime.add(new Settings.SmimeIdentity(ok.address(), null, Secret.of(keyData), upload.password(),
                    upload.opaque()));
        } else {
            pgp.removeIf(identity -> identity.uploaded() && same(identity.address(), ok.address()));
            pgp.add(new Settings.PgpIdentity(ok.address(), null, Secret.of(keyData), upload.password()));
        }
        SettingsStore.Saved saved = store.save(settings.withSigning(new Settings.Signing(signing.enabled(), smime,
                pgp)));
        if (saved instanceof SettingsStore.NotWritten notWritten) {
            return Refused.of("upload.pending", "signing.refused.notStored", String.join("; ",
                    notWritten.problems()));
        }
        return new Saved(ok.type(), ok.address(), ok.details(), replaced);
    }

    /**
     * Removes an uploaded identity.
     *
     * @param type    S/MIME or PGP
     * @param address its From address
     * @return {@link Removed} or {@link Refused} (no such uploaded identity, settings not writable)
     */
    public Outcome remove(KeyType type, String address) {
        Settings settings = current();
        if (settings == null || uploadedIndex(settings, type, address) < 0) {
            return Refused.of("remove", "signing.refused.noSuchIdentity", String.valueOf(address));
        }
        Settings.Signing signing = settings.signing();
        List<Settings.SmimeIdentity> smime = new ArrayList<>(signing.smime());
        List<Settings.PgpIdentity> pgp = new ArrayList<>(signing.pgp());
        if (type == KeyType.SMIME) {
            smime.removeIf(identity -> identity.uploaded() && same(identity.address(), address));
        } else {
            pgp.removeIf(identity -> identity.uploaded() && same(identity.address(), address));
        }
        SettingsStore.Saved saved = store.save(settings.withSigning(new Settings.Signing(signing.enabled(), smime,
                pgp)));
        if (saved instanceof SettingsStore.NotWritten notWritten) {
            return Refused.of("remove", "signing.refused.notStored", String.join("; ", notWritten.problems()));
        }
        return new Removed(type, address.strip());
    }

    /**
     * The uploaded identities of settings, each checked again now.
     *
     * @param settings the settings
     * @return S/MIME identities first, in stored order
     */
    public List<Stored> uploaded(Settings settings) {
        List<Stored> stored = new ArrayList<>();
        for (Settings.SmimeIdentity identity : settings.signing().smime()) {
            if (identity.uploaded()) {
                stored.add(new Stored(KeyType.SMIME, identity.address(), identity.opaque(), identity.keyData()
                        .isEmpty() ? missing() : check.smime(Base64.getDecoder().decode(identity.keyData().reveal()),
                        identity.password().reveal().toCharArray())));
            }
        }
        for (Settings.PgpIdentity identity : settings.signing().pgp()) {
            if (identity.uploaded()) {
                stored.add(new Stored(KeyType.PGP, identity.address(), false, identity.keyData().isEmpty()
                        ? missing() : check.pgp(Base64.getDecoder().decode(identity.keyData().reveal()),
                        identity.passphrase().reveal().toCharArray())));
            }
        }
        return stored;
    }

    private static SigningKeyCheck.Result missing() {
        return new SigningKeyCheck.Refused(SigningKeyCheck.Reason.EMPTY, "the uploaded key is not stored");
    }

    private Settings current() {
        SettingsStore.Loaded loaded = store.load();
        if (loaded instanceof SettingsStore.Found found) {
            return found.settings();
        }
        return loaded instanceof SettingsStore.Missing missing ? missing.defaults() : null;
    }

    private static boolean hasFileIdentity(Settings settings, KeyType type, String address) {
        return type == KeyType.SMIME
                ? settings.signing().smime().stream().anyMatch(i -> !i.uploaded() && same(i.address(), address))
                : settings.signing().pgp().stream().anyMatch(i -> !i.uploaded() && same(i.address(), address));
    }

    private static int uploadedIndex(Settings settings, KeyType type, String address) {
        List<String> addresses = type == KeyType.SMIME
                ? settings.signing().smime().stream().filter(Settings.SmimeIdentity::uploaded)
                .map(Settings.SmimeIdentity::address).toList()
                : settings.signing().pgp().stream().filter(Settings.PgpIdentity::uploaded)
                .map(Settings.PgpIdentity::address).toList();
        for (int i = 0; i < addresses.size(); i++) {
            if (same(addresses.get(i), address)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && a.strip().equalsIgnoreCase(b.strip());
    }

    private String seal(String adminKey, Upload upload, String address) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("type", upload.type().name())
                .put("address", address)
                .put("opaque", upload.opaque())
                .put("password", upload.password().reveal())
                .put("data", Base64.getEncoder().encodeToString(upload.data()))
                .put("issued", clock.instant().toString());
        return seal.seal(PENDING_FIELD + adminKey, Secret.of(node.toString()));
    }

    /** The sealed upload, or null if it is not one, was made for another admin, or is too old. */
    private Upload open(String adminKey, String pending) {
        if (pending == null || pending.isBlank()) {
            return null;
        }
        io.mailseal.settings.Checked<Secret> opened = seal.open(PENDING_FIELD + adminKey, pending.strip());
        if (opened.value().isEmpty()) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(opened.value().get().reveal());
            Instant issued = Instant.parse(node.path("issued").asText());
            if (clock.instant().isAfter(issued.plus(PENDING_FOR)) || clock.instant().isBefore(issued)) {
                return null;
            }
            return new Upload(KeyType.valueOf(node.path("type").asText()),
                    Base64.getDecoder().decode(node.path("data").asText()), Secret.of(node.path("password").asText()),
                    node.path("address").asText(), node.path("opaque").asBoolean());
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
