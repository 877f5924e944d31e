package io.mailseal.keys.source;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySource;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.http.HkpKeySource;
import io.mailseal.keys.source.http.HttpFetcher;
import io.mailseal.keys.source.http.VksKeySource;
import io.mailseal.keys.source.http.WkdKeySource;
import io.mailseal.keys.source.ldap.LdapCertificateSource;
import io.mailseal.keys.source.ldap.LdapPgpKeySource;
import io.mailseal.keys.source.ldap.LdapServerSettings;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Settings;
import io.mailseal.store.ManagedKeyStore;
import io.mailseal.store.UserKeyStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the key sources the settings ask for, in the spec's precedence order: S/MIME upload, key store file, user
 * directory, external LDAP; PGP upload, key store file, key server, WKD, VKS. Where the USE sync runs, its managed
 * keys ({@link ManagedKeySource}) join both lists at the place the settings say ({@link Settings#managedKeys()},
 * default right after uploads) unless the environment fixes one ({@link Environment#managedPrecedence()}).
 *
 * <p>Stateless and thread-safe.
 */
public final class KeySources {

    private KeySources() {
    }

    /**
     * What the sources need from where they run.
     *
     * @param crypto        the crypto runtime
     * @param clock         time source
     * @param uploads       the users' uploaded keys; null where there are none (the command line)
     * @param userDirectory the S/MIME source of the recipient's Confluence user directory; null outside Confluence
     * @param fetcher       the HTTP client every key server, WKD and VKS source shares (timeouts, size cap)
     * @param managed       the USE sync's managed keys; null where there are none (the command line)
     * @param managedPrecedence where managed keys stand among the sources; null: where the settings say
     *                          ({@link Settings#managedKeys()})
     */
    public record Environment(CryptoRuntime crypto, Clock clock, UserKeyStore uploads, KeySource userDirectory,
                              HttpFetcher fetcher, ManagedKeyStore managed, ManagedKeyPrecedence managedPrecedence) {

        /** Validates the environment. */
        public Environment {
            Objects.requireNonNull(crypto, "crypto");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(fetcher, "fetcher");
        }

        /**
         * An environment without managed keys.
         *
         * @param crypto        the crypto runtime
         * @param clock         time source
         * @param uploads       the users' uploaded keys; null where there are none
         * @param userDirectory the S/MIME source of the user directory; null outside Confluence
         * @param fetcher       the shared HTTP client
         */
        public Environment(CryptoRuntime crypto, Clock clock, UserKeyStore uploads, KeySource userDirectory,
                           HttpFetcher fetcher) {
            this(crypto, clock, uploads, userDirectory, fetcher, null, null);
        }

        /**
         * The same environment with the USE sync's managed keys, standing where the settings say
         * ({@link Settings#managedKeys()}).
         *
         * @param store the managed keys
         * @return the new environment
         */
        public Environment withManagedKeys(ManagedKeyStore store) {
            return new Environment(crypto, clock, uploads, userDirectory, fetcher, Objects.requireNonNull(store,
                    "store"), null);
        }

        /**
         * The same environment with the USE sync's managed keys at a fixed place, whatever the settings say.
         *
         * @param store      the managed keys
         * @param precedence where they stand among the sources
         * @return the new environment
         */
        public Environment withManagedKeys(ManagedKeyStore store, ManagedKeyPrecedence precedence) {
            return new Environment(crypto, clock, uploads, userDirectory, fetcher, Objects.requireNonNull(store,
                    "store"), precedence);
        }

        /**
         * The environment outside Confluence (the command line): no uploads, no user directory, default HTTP limits.
         *
         * @param crypto the crypto runtime
         * @param clock  time source
         * @return the environment
         */
        public static Environment standalone(CryptoRuntime crypto, Clock clock) {
            return new Environment(crypto, clock, null, null, HttpFetcher.withDefaults());
        }
    }

    /**
     * The sources built, or the settings problems that stopped a source from being built.
     *
     * @param sources  per key type, in precedence order
     * @param problems each as {@code field: reason}; empty when every configured source was built
     */
    public record Built(Map<KeyType, List<KeySource>> sources, List<String> problems) {

        /** Copies. */
        public Built {
            sources = Map.copyOf(sources);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Builds the sources.
     *
     * @param settings    the settings
     * @param environment what the sources need
     * @return the sources and any problems
     */
    public static Built fromSettings(Settings settings, Environment environment) {
        List<String> problems = new ArrayList<>();
        Map<KeyType, List<KeySource>> sources = new EnumMap<>(KeyType.class);
        Clock clock = environment.clock();

        List<KeySource> smime = new ArrayList<>();
        KeyFileFormat<?> smimeFormat = KeyFileFormat.smime(environment.crypto(), clock);
        if (settings.smime().allowUserUploads() && environment.uploads() != null) {
            smime.add(new UploadKeySource<>(environment.uploads(), smimeFormat));
        }
        if (settings.smime().keyStorePath() != null) {
            smime.add(KeyStoreFileSource.of(Path.of(settings.smime().keyStorePath()), smimeFormat, clock));
        }
        if (settings.smime().userDirectory()) {
            smime.add(environment.userDirectory() != null ? environment.userDirectory()
                    : unavailable(SourceName.USER_DIRECTORY, KeyType.SMIME,
                    "the user directory is Confluence's; it cannot be asked from here"));
        }
        if (settings.smime().externalLdap() != null) {
            add(smime, problems, LdapServerSettings.fromSettings(settings.smime().externalLdap())
                    .map(server -> new LdapCertificateSource(SourceName.LDAP, server, environment.crypto(), clock)),
                    "smime.externalLdap.");
        }
        sources.put(KeyType.SMIME, withManaged(smime, environment, settings, smimeFormat));

        List<KeySource> pgp = new ArrayList<>();
        KeyFileFormat<?> pgpFormat = KeyFileFormat.pgp(clock);
        if (settings.pgp().allowUserUploads() && environment.uploads() != null) {
            pgp.add(new UploadKeySource<>(environment.uploads(), pgpFormat));
        }
        if (settings.pgp().keyStorePath() != null) {
            pgp.add(KeyStoreFileSource.of(Path.of(settings.pgp().keyStorePath()), pgpFormat, clock));
        }
        HttpFetcher fetcher = environment.fetcher();
        String keyServer = settings.pgp().keyServerUrl();
        if (keyServer != null && isLdap(keyServer)) {
            add(pgp, problems, LdapPgpKeySource.fromUrl(keyServer, clock), "");
        } else if (keyServer != null) {
            add(pgp, problems, HkpKeySource.fromUrl(keyServer, fetcher, clock), "");
        }
        if (settings.pgp().wkd()) {
            pgp.add(new WkdKeySource(fetcher, clock));
        }
        if (settings.pgp().vks()) {
            add(pgp, problems, VksKeySource.fromUrl(settings.pgp().vksUrl(), fetcher, clock), "");
        }
        sources.put(KeyType.PGP, withManaged(pgp, environment, settings, pgpFormat));
        return new Built(sources, problems);
    }

    /** The sources with the managed-key source inserted at its precedence (no change without managed keys). */
    private static List<KeySource> withManaged(List<KeySource> sources, Environment environment, Settings settings,
                                               KeyFileFormat<?> format) {
        if (environment.managed() == null) {
            return sources;
        }
        KeySource managed = new ManagedKeySource<>(environment.managed(), format);
        ManagedKeyPrecedence precedence = environment.managedPrecedence() != null ? environment.managedPrecedence()
                : settings.managedKeys();
        int at = switch (precedence) {
            case FIRST -> 0;
            case AFTER_UPLOADS -> after(sources, 0, SourceName.UPLOAD);
            case AFTER_KEY_STORE -> after(sources, after(sources, 0, SourceName.UPLOAD), SourceName.KEYSTORE);
            case LAST -> sources.size();
        };
        sources.add(at, managed);
        return sources;
    }

    /** The index after the source of that name if it is at {@code index}, else {@code index}. */
    private static int after(List<KeySource> sources, int index, SourceName name) {
        return index < sources.size() && sources.get(index).name() == name ? index + 1 : index;
    }

    private static boolean isLdap(String url) {
        String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("ldap://") || lower.startsWith("ldaps://");
    }

    /** Adds a built source, or its problems with their field names under {@code prefix}. */
    private static void add(List<KeySource> sources, List<String> problems, Checked<? extends KeySource> built,
                            String prefix) {
        built.value().ifPresent(sources::add);
        built.problems().forEach(problem -> problems.add(problem.prefixed(prefix).toString()));
    }

    /** A configured source that cannot run here: it answers DISABLED with the reason. */
    private static KeySource unavailable(SourceName name, KeyType type, String reason) {
        return new KeySource() {
            @Override
            public SourceName name() {
                return name;
            }

            @Override
            public KeyType type() {
                return type;
            }

            @Override
            public SourceResponse lookup(EmailAddress address) {
                return SourceResponse.disabled(name, type, reason);
            }
        };
    }
}
