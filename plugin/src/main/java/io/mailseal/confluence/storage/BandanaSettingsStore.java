package io.mailseal.confluence.storage;

import com.atlassian.bandana.BandanaManager;
import com.atlassian.confluence.setup.bandana.ConfluenceBandanaContext;
import io.mailseal.settings.Settings;
import io.mailseal.settings.SettingsJson;
import io.mailseal.store.SettingsStore;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailseal's settings in Confluence's Bandana: one JSON document (the engine's {@link SettingsJson} shape) stored as
 * a plain {@code String} under {@value #KEY} in the global context, so Bandana's XStream never sees a plugin class.
 * Every secret in it is encrypted by a {@link SecretBox}; none is ever stored in clear.
 *
 * <p>Reading never throws and never breaks the plugin: nothing stored gives the defaults, an older schema is
 * upgraded (and written in the new one at the next save), and anything else wrong (not a string, not JSON, a bad
 * field, a secret that cannot be decrypted, Bandana failing) gives {@link SettingsStore.Unusable} with problems that
 * start with the key and name the field. Saving refuses settings that would not read back, and a key file that
 * cannot be created; then Bandana is left as it was.
 *
 * <p>Thread-safe: no state of its own; Bandana is cluster-wide, so every node reads what any node saved. Nothing is
 * cached here: callers that read often cache the result and drop it when the settings are saved.
 */
public final class BandanaSettingsStore implements SettingsStore {

    /** The Bandana key, in {@link ConfluenceBandanaContext#GLOBAL_CONTEXT}. */
    public static final String KEY = "io.mailseal.settings";

    private static final Logger LOG = LoggerFactory.getLogger(BandanaSettingsStore.class);

    private final BandanaManager bandana;
    private final SecretBox secrets;

    /**
     * Creates the store.
     *
     * @param bandana the host's Bandana
     * @param secrets encrypts and decrypts the secret settings
     */
    public BandanaSettingsStore(BandanaManager bandana, SecretBox secrets) {
        this.bandana = Objects.requireNonNull(bandana, "bandana");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public Loaded load() {
        Object value;
        try {
            value = bandana.getValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, KEY, false);
        } catch (RuntimeException e) {
            LOG.warn("Mailseal's settings cannot be read from Bandana key {}", KEY, e);
            return new Unusable(List.of(KEY + ": cannot be read from Bandana (" + e.getClass().getName() + ")"));
        }
        if (value == null) {
            return new Missing(Settings.defaults());
        }
        if (!(value instanceof String json)) {
            return new Unusable(List.of(KEY + ": holds a " + value.getClass().getName()
                    + ", not the settings as JSON text"));
        }
        SettingsJson.Result read = SettingsJson.read(json, secrets);
        if (read instanceof SettingsJson.Valid valid) {
            return new Found(valid.settings(), valid.version());
        }
        return new Unusable(prefixed(((SettingsJson.Invalid) read).problems()));
    }

    @Override
    public Saved save(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        String json;
        try {
            json = SettingsJson.write(settings, secrets);
        } catch (KeyFileException e) {
            return new NotWritten(List.of(KEY + ": the secrets cannot be encrypted: " + e.getMessage()));
        }
        SettingsJson.Result check = SettingsJson.read(json, secrets);
        if (check instanceof SettingsJson.Invalid invalid) {
            return new NotWritten(prefixed(invalid.problems()));
        }
        try {
            bandana.setValue(ConfluenceBandanaContext.GLOBAL_CONTEXT, KEY, json);
        } catch (RuntimeException e) {
            LOG.warn("Mailseal's settings cannot be written to Bandana key {}", KEY, e);
            return new NotWritten(List.of(KEY + ": cannot be written to Bandana (" + e.getClass().getName() + ")"));
        }
        return new Written(((SettingsJson.Valid) check).settings());
    }

    @Override
    public String toString() {
        return "BandanaSettingsStore[" + KEY + "]";
    }

    private static List<String> prefixed(List<String> problems) {
        return problems.stream().map(problem -> KEY + ": " + problem).toList();
    }
}
