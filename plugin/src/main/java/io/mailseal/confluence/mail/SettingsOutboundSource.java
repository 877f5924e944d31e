package io.mailseal.confluence.mail;

import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.UrlMode;
import io.mailseal.confluence.cache.ClusterCacheExpiry;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySource;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.KeyStoreFileSource;
import io.mailseal.keys.source.ConfiguredKeyDirectory;
import io.mailseal.keys.source.KeySources;
import io.mailseal.keys.source.ManagedKeyPrecedence;
import io.mailseal.keys.source.http.HttpFetcher;
import io.mailseal.outbound.OutboundFactory;
import io.mailseal.outbound.OutboundProcessor;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Settings;
import io.mailseal.store.ManagedKeyStore;
import io.mailseal.store.SettingsStore;
import io.mailseal.store.UserKeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outbound processor for the settings stored now: each call reads the stored settings (Bandana keeps them cached
 * as a string) and rebuilds the key directory and the processor only when they changed. Stored settings that cannot
 * be used give their problems, so the mail path holds mail back (451) instead of sending it under a policy nobody set.
 * A fresh installation uses the defaults (S/MIME preferred, problem reports for recipients without a key).
 *
 * <p>Thread-safe: the rebuild is synchronized; the built processor is immutable.
 */
public final class SettingsOutboundSource implements OutboundSource {

    /** Where users upload their keys, relative to Confluence's base URL (shown in problem reports). */
    public static final String KEY_PAGE = "/plugins/servlet/mailseal/keys";

    private final SettingsStore store;
    private final CryptoRuntime crypto;
    private final Clock clock;
    private final UserKeyStore uploads;
    private final ApplicationProperties applicationProperties;
    private final KeySource userDirectory;
    private final ClusterCacheExpiry expiry;
    private final ManagedKeyStore managed;
    private Settings builtFor;
    private ConfiguredKeyDirectory directory;
    private Checked<OutboundProcessor> built;
    private OutboundProcessor.Rules rules = OutboundProcessor.Rules.NONE;

    /**
     * A source over the stored settings.
     *
     * @param store                 the settings store
     * @param crypto                the crypto runtime
     * @param clock                 time source
     * @param uploads               the users' own keys
     * @param applicationProperties for the base URL in problem reports
     * @param userDirectory         the S/MIME source of Confluence's LDAP user directories
     * @param expiry                the cluster-wide expiry of the key cache
     * @param managed               the USE sync's managed keys: the {@code MANAGED} source of both key types, where
     *                              the settings say ({@link Settings#managedKeys()}, default
     *                              {@link ManagedKeyPrecedence#DEFAULT})
     */
    public SettingsOutboundSource(SettingsStore store, CryptoRuntime crypto, Clock clock, UserKeyStore uploads,
                                  ApplicationProperties applicationProperties, KeySource userDirectory,
                                  ClusterCacheExpiry expiry, ManagedKeyStore managed) {
        this.store = Objects.requireNonNull(store, "store");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.applicationProperties = Objects.requireNonNull(applicationProperties, "applicationProperties");
        this.userDirectory = Objects.requireNonNull(userDirectory, "userDirectory");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.managed = Objects.requireNonNull(managed, "managed");
    }

    @Override
    public Checked<OutboundProcessor> current() {
        Checked<Settings> settings = stored();
        return settings instanceof Checked.Invalid<Settings> invalid ? new Checked.Invalid<>(invalid.problems())
                : processorFor(settings.orElseThrow());
    }

    /** The stored settings, the defaults if none are stored, or why the stored ones cannot be used. */
    private Checked<Settings> stored() {
        SettingsStore.Loaded loaded = store.load();
        if (loaded instanceof SettingsStore.Found found) {
            return new Checked.Valid<>(found.settings());
        }
        if (loaded instanceof SettingsStore.Missing missing) {
            return new Checked.Valid<>(missing.defaults());
        }
        return new Checked.Invalid<>(((SettingsStore.Unusable) loaded).problems().stream()
                .map(problem -> new Checked.Problem("settings", problem)).toList());
    }

    private synchronized Checked<OutboundProcessor> processorFor(Settings settings) {
        if (expiry.expiredSinceLastCheck() && directory != null) {
            directory.expireCache();
        }
        if (settings.equals(builtFor)) {
            return built;
        }
        try {
            if (directory == null) {
                directory = new ConfiguredKeyDirectory(settings, environment());
            } else {
                directory.reconfigure(settings);
            }
        } catch (IllegalArgumentException e) {
            // a key source the settings name cannot be built: the same answer as unusable stored settings
            return Checked.invalid("key sources", e.getMessage());
        }
        String base = applicationProperties.getBaseUrl(UrlMode.CANONICAL);
        built = OutboundFactory.fromSettings(settings, directory::lookup, rules, crypto, clock,
                base == null ? "" : base.replaceAll("/+$", "") + KEY_PAGE);
        builtFor = settings;
        return built;
    }

    /**
     * The live USE rules, groups and content passwords every message is decided under (set once by the Spring
     * context, {@code <property name="rules">}); {@link OutboundProcessor.Rules#NONE} until then.
     *
     * @param rules the rules, read from their stores on every message
     */
    public synchronized void setRules(OutboundProcessor.Rules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        builtFor = null;
    }

    /**
     * Forgets every cached key answer on every node of the cluster (the admin's "expire cache"): this node at once,
     * the others before their next lookup.
     */
    public synchronized void expireCache() {
        expiry.expireEverywhere();
        expiry.expiredSinceLastCheck();
        if (directory != null) {
            directory.expireCache();
        }
    }

    /**
     * The key directory of the settings stored now, for the admin's "verify" screen and the profile page: the same
     * directory (and cache) the mail path uses.
     *
     * @return the directory, or the problems of stored settings that cannot be used
     */
    public Checked<ConfiguredKeyDirectory> keyDirectory() {
        Checked<OutboundProcessor> processor = current();
        if (processor instanceof Checked.Invalid<OutboundProcessor> invalid) {
            return new Checked.Invalid<>(invalid.problems());
        }
        synchronized (this) {
            return directory == null ? Checked.invalid("settings", "no key directory has been built")
                    : new Checked.Valid<>(directory);
        }
    }

    /**
     * "Test connection": builds every key source of the stored settings afresh (no cache, nothing stored) and asks
     * each one for a probe address, in the settings' order. Each source keeps its own timeouts and size caps, so the
     * whole test is bounded by their sum.
     *
     * @param probe the address to ask for (the admin's own)
     * @return one result per configured source, or the problems that keep the sources from being built
     */
    public Checked<List<SourceTest>> testSources(EmailAddress probe) {
        Checked<Settings> stored = stored();
        if (stored instanceof Checked.Invalid<Settings> invalid) {
            return new Checked.Invalid<>(invalid.problems());
        }
        Settings settings = stored.orElseThrow();
        KeySources.Built built;
        try {
            built = KeySources.fromSettings(settings, environment());
        } catch (IllegalArgumentException e) {
            return Checked.invalid("key sources", e.getMessage());
        }
        if (!built.problems().isEmpty()) {
            return new Checked.Invalid<>(built.problems().stream()
                    .map(problem -> new Checked.Problem("key sources", problem)).toList());
        }
        List<SourceTest> tests = new ArrayList<>();
        for (List<KeySource> sources : built.sources().values()) {
            for (KeySource source : sources) {
                long start = System.nanoTime();
                SourceResponse response = source.lookup(probe);
                KeyStoreFileSource.Status status = source instanceof KeyStoreFileSource<?> file ? file.status() : null;
                tests.add(new SourceTest(source.name(), source.type(), tls(settings, source.name()), response,
                        status, Duration.ofNanos(System.nanoTime() - start)));
            }
        }
        return new Checked.Valid<>(tests);
    }

    private KeySources.Environment environment() {
        return new KeySources.Environment(crypto, clock, uploads, userDirectory, HttpFetcher.withDefaults())
                .withManagedKeys(managed);
    }

    private static Boolean tls(Settings settings, SourceName source) {
        return switch (source) {
            case LDAP -> settings.smime().externalLdap() != null && settings.smime().externalLdap().ssl();
            case KEYSERVER -> settings.pgp().keyServerUrl() != null && settings.pgp().keyServerUrl()
                    .toLowerCase(java.util.Locale.ROOT).matches("(hkps|https|ldaps)://.*");
            case VKS -> settings.pgp().vksUrl() == null || settings.pgp().vksUrl()
                    .toLowerCase(java.util.Locale.ROOT).startsWith("https://");
            case WKD -> true;
            default -> null;
        };
    }

    /**
     * Forgets the cached keys of one address, after a user uploaded or removed a key for it.
     *
     * @param address the address
     */
    public synchronized void expire(EmailAddress address) {
        if (directory != null) {
            directory.expire(address);
        }
    }

    /**
     * The problems of the current settings, for the status screen.
     *
     * @return each as {@code field: reason}; empty when mail can be processed
     */
    public List<String> problems() {
        return current() instanceof Checked.Invalid<OutboundProcessor> invalid
                ? invalid.problems().stream().map(p -> p.field() + ": " + p.message()).toList() : List.of();
    }
}
