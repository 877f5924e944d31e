package io.mailseal.keys.source;

import io.mailseal.keys.CachePolicy;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyDirectory;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.Verification;
import io.mailseal.settings.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * The key directory of the current settings. When the key-source settings change (a key store path, a key server
 * URL, an LDAP server, the cache lifetimes, where managed keys stand), the next directory is built from scratch, so
 * its cache starts empty and every key is fetched from the new sources (the spec: changing the key store location or key server URL expires the
 * cache). Settings that do not concern key discovery leave the directory and its cache alone.
 *
 * <p>Thread-safe: lookups use whichever directory is current; {@link #reconfigure} swaps it atomically.
 */
public final class ConfiguredKeyDirectory {

    private final KeySources.Environment environment;
    private volatile Current current;

    private record Current(Settings.Smime smime, Settings.Pgp pgp, Settings.Cache cache,
                           ManagedKeyPrecedence managedKeys, KeyDirectory directory) {
    }

    /**
     * Creates the directory for the first settings.
     *
     * @param settings    the settings
     * @param environment what the sources need
     * @throws IllegalArgumentException naming every problem if a configured source cannot be built
     */
    public ConfiguredKeyDirectory(Settings settings, KeySources.Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.current = build(settings);
    }

    /**
     * Applies new settings: rebuilds the directory (with an empty cache) if the key-source settings changed.
     *
     * @param settings the new settings
     * @return true if the directory was rebuilt
     * @throws IllegalArgumentException naming every problem if a configured source cannot be built; the current
     *                                  directory stays in use
     */
    public synchronized boolean reconfigure(Settings settings) {
        Current existing = current;
        if (existing.smime().equals(settings.smime()) && existing.pgp().equals(settings.pgp())
                && existing.cache().equals(settings.cache()) && existing.managedKeys() == settings.managedKeys()) {
            return false;
        }
        current = build(settings);
        return true;
    }

    /**
     * The key to encrypt to (see {@link KeyDirectory#lookup}).
     *
     * @param address the recipient
     * @param type    S/MIME or PGP
     * @return the result
     */
    public LookupResult lookup(EmailAddress address, KeyType type) {
        return current.directory().lookup(address, type);
    }

    /**
     * The admin's "verify settings" (see {@link KeyDirectory#verify}).
     *
     * @param address the address to verify
     * @return the report
     */
    public Verification verify(EmailAddress address) {
        return current.directory().verify(address);
    }

    /** The admin's "expire cache": every key is fetched again on its next use. */
    public void expireCache() {
        current.directory().expireAll();
    }

    /**
     * Forgets the cached keys of one address (after a user uploaded or removed a key for it).
     *
     * @param address the address
     */
    public void expire(EmailAddress address) {
        current.directory().expire(address);
    }

    private Current build(Settings settings) {
        KeySources.Built built = KeySources.fromSettings(settings, environment);
        if (!built.problems().isEmpty()) {
            throw new IllegalArgumentException("key sources cannot be built: " + String.join("; ", built.problems()));
        }
        CachePolicy policy = new CachePolicy(settings.cache().found(), settings.cache().notFound(),
                Duration.ofMinutes(1), CachePolicy.DEFAULTS.maxEntries());
        return new Current(settings.smime(), settings.pgp(), settings.cache(), settings.managedKeys(),
                new KeyDirectory(built.sources(), policy, environment.clock()));
    }
}
