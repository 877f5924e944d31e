package io.mailseal.store;

import io.mailseal.settings.SecretMerge;
import io.mailseal.settings.Settings;
import java.util.List;
import java.util.Objects;

/**
 * Where Mailseal's one settings document is kept (in Confluence: Bandana, secrets encrypted).
 *
 * <p>Reading never throws for what is stored: nothing stored gives the defaults, a document of an older schema is
 * upgraded, and a document that cannot be used gives every problem, each naming where it is stored and the field.
 * Saving replaces the whole document (the last save wins).
 *
 * <p>Implementations are thread-safe.
 */
public interface SettingsStore {

    /**
     * Reads the stored settings.
     *
     * @return the settings, the defaults if none are stored, or why the stored ones cannot be used
     */
    Loaded load();

    /**
     * Stores settings as they are (secrets included).
     *
     * @param settings the settings; not null
     * @return saved, or why not (nothing changed then)
     */
    Saved save(Settings settings);

    /**
     * Stores settings submitted by a form, keeping each stored secret the form left empty where it still belongs
     * ({@link SecretMerge#keepStored}). If the stored settings cannot be read, nothing can be kept and the submitted
     * settings are stored as they are.
     *
     * @param submitted the settings from the form; not null
     * @return saved (with the settings as stored), or why not
     */
    default Saved saveKeepingSecrets(Settings submitted) {
        Objects.requireNonNull(submitted, "submitted");
        Settings merged = load() instanceof Found found ? SecretMerge.keepStored(submitted, found.settings())
                : submitted;
        return save(merged);
    }

    /** What reading gave. */
    sealed interface Loaded {
    }

    /**
     * Settings are stored and usable.
     *
     * @param settings      the settings, upgraded to the current schema
     * @param storedVersion the schema version they were stored in; lower than {@link Settings#SCHEMA_VERSION} if
     *                      they were upgraded on reading (they are stored in the new version at the next save)
     */
    record Found(Settings settings, int storedVersion) implements Loaded {

        /** Validates. */
        public Found {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * Nothing is stored yet (a fresh installation).
     *
     * @param defaults the settings to use: {@link Settings#defaults()}
     */
    record Missing(Settings defaults) implements Loaded {

        /** Validates. */
        public Missing {
            Objects.requireNonNull(defaults, "defaults");
        }
    }

    /**
     * Something is stored but cannot be used; nothing of it should be.
     *
     * @param problems each naming where it is stored and the field, e.g.
     *                 {@code io.mailseal.settings: smime.externalLdap.password: failed its integrity check}; never a
     *                 secret
     */
    record Unusable(List<String> problems) implements Loaded {

        /** Copies; at least one problem. */
        public Unusable {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an unusable result needs a problem");
            }
        }
    }

    /** What saving did. */
    sealed interface Saved {
    }

    /**
     * Stored.
     *
     * @param settings the settings as stored
     */
    record Written(Settings settings) implements Saved {

        /** Validates. */
        public Written {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * Not stored; what was stored before is unchanged.
     *
     * @param problems why; never a secret
     */
    record NotWritten(List<String> problems) implements Saved {

        /** Copies; at least one problem. */
        public NotWritten {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a refused save needs a problem");
            }
        }
    }
}
