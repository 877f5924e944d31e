package io.mailseal.use.sync;

import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a sync run works: the share's directories, the defaults for keys and passphrases, who gets reports.
 *
 * <p>Immutable and thread-safe; {@code toString()} masks the default passphrase. Defaults ({@link #defaults}):
 * directories {@code /import}, {@code /keys/public}, {@code /keys/private}, {@code /return}; key defaults of the
 * spec (RSA-4096, one year); no default passphrase; a file incomplete for 3 cycles is reported; returns kept 30
 * days (spec); 2 keys made at once.
 *
 * @param importDirectory       where {@code .useimport} and {@code .ruleimport} files arrive
 * @param publicKeyDirectory    where public keys to import arrive; empty: not used
 * @param privateKeyDirectory   where private keys to import arrive; empty: not used
 * @param returnDirectory       where reports are pushed back; empty: no pushback
 * @param keyDefaults           what a {@code pgp-state} line leaves out
 * @param defaultPassphrase     tried first on every private key; may be empty
 * @param reportTo              who gets the report
 * @param adminTo               the admin recipients
 * @param reportFrom            the report's sender
 * @param incompleteCycles      after this many cycles an incomplete file is reported (1 or more)
 * @param returnRetention       returns older than this are deleted
 * @param parallelism           how many keys are made at once (1 to 64)
 * @param allowWeakKeys         whether {@code keylength:1024} is accepted
 * @param smime                 S/MIME certificates: automatic or semi-automatic mode, renewal buffer, limit
 *                              ({@link SmimeSyncSettings#DEFAULTS}: automatic, 48 hours, 1000)
 */
public record UseSyncSettings(String importDirectory, Optional<String> publicKeyDirectory,
                              Optional<String> privateKeyDirectory, Optional<String> returnDirectory,
                              KeyDefaults keyDefaults, Secret defaultPassphrase, List<EmailAddress> reportTo,
                              List<EmailAddress> adminTo, EmailAddress reportFrom, int incompleteCycles,
                              Duration returnRetention, int parallelism, boolean allowWeakKeys,
                              SmimeSyncSettings smime) {

    /** How long returns stay on the share unless the customer collects them (the spec's 30 days). */
    public static final Duration DEFAULT_RETURN_RETENTION = Duration.ofDays(30);

    /** Validates and copies. */
    public UseSyncSettings {
        Objects.requireNonNull(importDirectory, "importDirectory");
        Objects.requireNonNull(publicKeyDirectory, "publicKeyDirectory");
        Objects.requireNonNull(privateKeyDirectory, "privateKeyDirectory");
        Objects.requireNonNull(returnDirectory, "returnDirectory");
        Objects.requireNonNull(keyDefaults, "keyDefaults");
        Objects.requireNonNull(defaultPassphrase, "defaultPassphrase");
        reportTo = List.copyOf(reportTo);
        adminTo = List.copyOf(adminTo);
        Objects.requireNonNull(reportFrom, "reportFrom");
        if (incompleteCycles < 1) {
            throw new IllegalArgumentException("incompleteCycles must be at least 1: " + incompleteCycles);
        }
        if (returnRetention.isNegative() || returnRetention.isZero()) {
            throw new IllegalArgumentException("returnRetention must be positive");
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be 1 to 64: " + parallelism);
        }
        Objects.requireNonNull(smime, "smime");
    }

    /**
     * Settings with the S/MIME defaults ({@link SmimeSyncSettings#DEFAULTS}).
     *
     * @param importDirectory     where import files arrive
     * @param publicKeyDirectory  where public keys arrive
     * @param privateKeyDirectory where private keys arrive
     * @param returnDirectory     where reports are pushed back
     * @param keyDefaults         what a {@code pgp-state} line leaves out
     * @param defaultPassphrase   tried first on every private key
     * @param reportTo            who gets the report
     * @param adminTo             the admin recipients
     * @param reportFrom          the report's sender
     * @param incompleteCycles    after this many cycles an incomplete file is reported
     * @param returnRetention     returns older than this are deleted
     * @param parallelism         how many keys are made at once
     * @param allowWeakKeys       whether {@code keylength:1024} is accepted
     */
    public UseSyncSettings(String importDirectory, Optional<String> publicKeyDirectory,
                           Optional<String> privateKeyDirectory, Optional<String> returnDirectory,
                           KeyDefaults keyDefaults, Secret defaultPassphrase, List<EmailAddress> reportTo,
                           List<EmailAddress> adminTo, EmailAddress reportFrom, int incompleteCycles,
                           Duration returnRetention, int parallelism, boolean allowWeakKeys) {
        this(importDirectory, publicKeyDirectory, privateKeyDirectory, returnDirectory, keyDefaults,
                defaultPassphrase, reportTo, adminTo, reportFrom, incompleteCycles, returnRetention, parallelism,
                allowWeakKeys, SmimeSyncSettings.DEFAULTS);
    }

    /**
     * The defaults, with the addresses that must be given.
     *
     * @param reportFrom the report's sender
     * @param reportTo   who gets the report
     * @return the settings
     */
    public static UseSyncSettings defaults(EmailAddress reportFrom, List<EmailAddress> reportTo) {
        return new UseSyncSettings("/import", Optional.of("/keys/public"), Optional.of("/keys/private"),
                Optional.of("/return"), KeyDefaults.SPEC, Secret.empty(), reportTo, List.of(), reportFrom, 3,
                DEFAULT_RETURN_RETENTION, 2, false);
    }

    /**
     * The same settings with another default passphrase.
     *
     * @param passphrase the passphrase
     * @return new settings
     */
    public UseSyncSettings withDefaultPassphrase(Secret passphrase) {
        return new UseSyncSettings(importDirectory, publicKeyDirectory, privateKeyDirectory, returnDirectory,
                keyDefaults, passphrase, reportTo, adminTo, reportFrom, incompleteCycles, returnRetention,
                parallelism, allowWeakKeys, smime);
    }

    /**
     * The same settings with other key defaults.
     *
     * @param defaults the defaults
     * @return new settings
     */
    public UseSyncSettings withKeyDefaults(KeyDefaults defaults) {
        return new UseSyncSettings(importDirectory, publicKeyDirectory, privateKeyDirectory, returnDirectory,
                defaults, defaultPassphrase, reportTo, adminTo, reportFrom, incompleteCycles, returnRetention,
                parallelism, allowWeakKeys, smime);
    }

    /**
     * The same settings with other S/MIME settings.
     *
     * @param newSmime the S/MIME settings
     * @return new settings
     */
    public UseSyncSettings withSmime(SmimeSyncSettings newSmime) {
        return new UseSyncSettings(importDirectory, publicKeyDirectory, privateKeyDirectory, returnDirectory,
                keyDefaults, defaultPassphrase, reportTo, adminTo, reportFrom, incompleteCycles, returnRetention,
                parallelism, allowWeakKeys, newSmime);
    }
}
