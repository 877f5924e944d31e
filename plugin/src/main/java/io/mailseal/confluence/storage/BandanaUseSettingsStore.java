package io.mailseal.confluence.storage;

import com.atlassian.bandana.BandanaManager;
import com.atlassian.confluence.setup.bandana.ConfluenceBandanaContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailseal.confluence.jobs.UseSettings;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.use.PgpKeyType;
import io.mailseal.use.sync.KeyDefaults;
import io.mailseal.use.sync.SmimeSyncSettings;
import io.mailseal.use.sync.WatchDog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The USE sync settings in Bandana: their own JSON document under {@link #KEY}, next to the main settings (which keep
 * schema version 3 and their export format unchanged), as a plain string. Every secret (SFTP password, private key
 * and its passphrase, default passphrase) is sealed by the {@link SecretBox} under its field name; an empty secret is
 * left out. The document carries {@code "schemaVersion": 1}; the {@code watchdog}, {@code smime} and
 * {@code keyDownloads} objects were added later and default when missing (so documents stored before read as
 * before: WatchDog off, S/MIME defaults, managed keys downloadable once).
 *
 * <p>Thread-safe: no state of its own besides the injected services. Bandana is cluster-wide.
 */
public final class BandanaUseSettingsStore {

    /** The Bandana key, in the global context. */
    public static final String KEY = "io.mailseal.use";
    /** The document's schema version. */
    public static final int SCHEMA_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(BandanaUseSettingsStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_LENGTH = 1 << 20;

    private final BandanaManager bandana;
    private final SecretBox secrets;

    /**
     * Creates the store.
     *
     * @param bandana the host's Bandana
     * @param secrets seals and opens the secrets
     */
    public BandanaUseSettingsStore(BandanaManager bandana, SecretBox secrets) {
        this.bandana = Objects.requireNonNull(bandana, "bandana");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /**
     * The stored settings.
     *
     * @return the settings ({@link UseSettings#defaults()} if none are stored), or why the stored ones cannot be used
     */
    public Checked<UseSettings> load() {
        Object value;
        try {
            value = bandana.getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, KEY, false);
        } catch (RuntimeException e) {
            LOG.warn("Mailseal's USE settings cannot be read from Bandana key {}", KEY, e);
            return Checked.invalid(KEY, "cannot be read from Bandana (" + e.getClass().getName() + ")");
        }
        if (value == null) {
            return new Checked.Valid<>(UseSettings.defaults());
        }
        if (!(value instanceof String json) || json.length() > MAX_LENGTH) {
            return Checked.invalid(KEY, "does not hold the USE settings as JSON text");
        }
        try {
            return read(MAPPER.readTree(json));
        } catch (JsonProcessingException | RuntimeException e) {
            return Checked.invalid(KEY, "cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Stores settings (after checking them).
     *
     * @param settings the settings
     * @return the settings as stored, or their problems (nothing stored)
     */
    public Checked<UseSettings> save(UseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (!settings.problems().isEmpty()) {
            return new Checked.Invalid<>(settings.problems());
        }
        String json;
        try {
            json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(write(settings));
        } catch (JsonProcessingException | KeyFileException e) {
            return Checked.invalid(KEY, "cannot be written: " + e.getMessage());
        }
        try {
            bandana.setValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, KEY, json);
        } catch (RuntimeException e) {
            LOG.warn("Mailseal's USE settings cannot be written to Bandana key {}", KEY, e);
            return Checked.invalid(KEY, "cannot be written to Bandana (" + e.getClass().getName() + ")");
        }
        return new Checked.Valid<>(settings);
    }

    private ObjectNode write(UseSettings settings) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode sftp = root.putObject("sftp");
        UseSettings.Sftp share = settings.sftp();
        sftp.put("host", share.host());
        sftp.put("port", share.port());
        sftp.put("user", share.user());
        seal(sftp, "password", "use.sftp.password", share.password());
        seal(sftp, "privateKey", "use.sftp.privateKey", share.privateKey());
        seal(sftp, "passphrase", "use.sftp.passphrase", share.passphrase());
        share.hostKey().ifPresent(hostKey -> sftp.put("hostKey", hostKey));
        ObjectNode directories = root.putObject("directories");
        directories.put("imports", settings.directories().imports());
        settings.directories().publicKeys().ifPresent(value -> directories.put("publicKeys", value));
        settings.directories().privateKeys().ifPresent(value -> directories.put("privateKeys", value));
        settings.directories().returns().ifPresent(value -> directories.put("returns", value));
        ObjectNode schedule = root.putObject("schedule");
        schedule.put("enabled", settings.schedule().enabled());
        schedule.put("intervalMinutes", settings.schedule().intervalMinutes());
        ObjectNode keys = root.putObject("keys");
        keys.put("type", settings.keyDefaults().type().name());
        keys.put("rsaBits", settings.keyDefaults().rsaBits());
        keys.put("validityYears", settings.keyDefaults().validityYears());
        ArrayNode to = root.putArray("reportTo");
        settings.reportTo().forEach(address -> to.add(address.value()));
        settings.reportFrom().ifPresent(from -> root.put("reportFrom", from.value()));
        root.put("allowWeakKeys", settings.allowWeakKeys());
        seal(root, "defaultPassphrase", "use.defaultPassphrase", settings.defaultPassphrase());
        ObjectNode watchdog = root.putObject("watchdog");
        watchdog.put("enabled", settings.watchdog().enabled());
        watchdog.put("mode", settings.watchdog().mode().name());
        ObjectNode smime = root.putObject("smime");
        smime.put("mode", settings.smime().mode().name());
        smime.put("maxLive", settings.smime().maxLive());
        smime.put("renewalBufferHours", settings.smime().renewalBufferHours());
        root.putObject("keyDownloads").put("repeatAllowed", settings.repeatKeyDownloads());
        return root;
    }

    private void seal(ObjectNode node, String name, String field, Secret secret) {
        if (!secret.isEmpty()) {
            node.put(name, secrets.seal(field, secret));
        }
    }

    private Checked<UseSettings> read(JsonNode root) {
        List<Checked.Problem> problems = new ArrayList<>();
        if (root.path("schemaVersion").asInt() != SCHEMA_VERSION) {
            return Checked.invalid(KEY, "schema version " + root.path("schemaVersion").asText() + " is not "
                    + SCHEMA_VERSION);
        }
        JsonNode sftp = root.path("sftp");
        UseSettings.Sftp share = new UseSettings.Sftp(sftp.path("host").asText(""), sftp.path("port").asInt(22),
                sftp.path("user").asText(""), open(sftp, "password", "use.sftp.password", problems),
                open(sftp, "privateKey", "use.sftp.privateKey", problems),
                open(sftp, "passphrase", "use.sftp.passphrase", problems), text(sftp, "hostKey"));
        JsonNode directories = root.path("directories");
        UseSettings.Directories dirs = new UseSettings.Directories(directories.path("imports").asText("/import"),
                text(directories, "publicKeys"), text(directories, "privateKeys"), text(directories, "returns"));
        JsonNode schedule = root.path("schedule");
        UseSettings.Schedule when = new UseSettings.Schedule(schedule.path("enabled").asBoolean(false),
                schedule.path("intervalMinutes").asInt(UseSettings.DEFAULT_INTERVAL_MINUTES));
        JsonNode keys = root.path("keys");
        KeyDefaults defaults = new KeyDefaults(PgpKeyType.valueOf(keys.path("type").asText("RSA")
                .toUpperCase(Locale.ROOT)), keys.path("rsaBits").asInt(4096), keys.path("validityYears").asInt(1));
        List<EmailAddress> to = new ArrayList<>();
        root.path("reportTo").forEach(address -> to.add(EmailAddress.parse(address.asText())));
        Optional<EmailAddress> from = text(root, "reportFrom").map(EmailAddress::parse);
        Secret passphrase = open(root, "defaultPassphrase", "use.defaultPassphrase", problems);
        if (!problems.isEmpty()) {
            return new Checked.Invalid<>(problems);
        }
        JsonNode watchdog = root.path("watchdog");
        UseSettings.Watchdog dog = new UseSettings.Watchdog(watchdog.path("enabled").asBoolean(false),
                WatchDog.Chaining.valueOf(watchdog.path("mode").asText(WatchDog.Chaining.CHAINED.name())));
        JsonNode smime = root.path("smime");
        UseSettings.Smime certificates = new UseSettings.Smime(SmimeSyncSettings.Mode.valueOf(smime.path("mode")
                .asText(UseSettings.Smime.DEFAULTS.mode().name())),
                smime.path("maxLive").asInt(UseSettings.Smime.DEFAULTS.maxLive()),
                smime.path("renewalBufferHours").asInt(UseSettings.Smime.DEFAULTS.renewalBufferHours()));
        return new Checked.Valid<>(new UseSettings(share, dirs, when, defaults, to, from,
                root.path("allowWeakKeys").asBoolean(false), passphrase, dog, certificates,
                root.path("keyDownloads").path("repeatAllowed").asBoolean(false)));
    }

    private Secret open(JsonNode node, String name, String field, List<Checked.Problem> problems) {
        Optional<String> sealed = text(node, name);
        if (sealed.isEmpty()) {
            return Secret.empty();
        }
        Checked<Secret> opened = secrets.open(field, sealed.get());
        if (opened instanceof Checked.Invalid<Secret> invalid) {
            invalid.problems().forEach(problem -> problems.add(new Checked.Problem(field, problem.message())));
            return Secret.empty();
        }
        return opened.orElseThrow();
    }

    private static Optional<String> text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() || value.asText().isEmpty() ? Optional.empty()
                : Optional.of(value.asText());
    }

    @Override
    public String toString() {
        return "BandanaUseSettingsStore[" + KEY + "]";
    }
}
