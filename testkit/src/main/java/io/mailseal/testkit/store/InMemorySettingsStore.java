package io.mailseal.testkit.store;

import io.mailseal.settings.SecretCodec;
import io.mailseal.settings.Settings;
import io.mailseal.settings.SettingsJson;
import io.mailseal.store.SettingsStore;
import java.util.Objects;

/**
 * The settings document in memory, kept as the JSON text a real store keeps (secrets as they are), so reading goes
 * through the same strict parser and upgrade.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class InMemorySettingsStore implements SettingsStore {

    /** How problems name where the document is kept. */
    public static final String WHERE = "memory";

    private String document;

    @Override
    public synchronized Loaded load() {
        if (document == null) {
            return new Missing(Settings.defaults());
        }
        SettingsJson.Result read = SettingsJson.read(document, SecretCodec.PLAIN);
        if (read instanceof SettingsJson.Valid valid) {
            return new Found(valid.settings(), valid.version());
        }
        return new Unusable(((SettingsJson.Invalid) read).problems().stream()
                .map(problem -> WHERE + ": " + problem).toList());
    }

    @Override
    public synchronized Saved save(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        document = SettingsJson.write(settings, SecretCodec.PLAIN);
        return new Written(settings);
    }

    /**
     * Replaces the stored text as it is, as an older version or a damaged store would have left it.
     *
     * @param json the text; null removes it
     */
    public synchronized void storeDocument(String json) {
        document = json;
    }

    @Override
    public String toString() {
        return "InMemorySettingsStore";
    }
}
