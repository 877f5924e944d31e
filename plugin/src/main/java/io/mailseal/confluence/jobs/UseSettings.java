package io.mailseal.confluence.jobs;

import io.mailseal.ca.CaProfile;
import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.use.PgpKeyType;
import io.mailseal.use.sftp.SftpSettings;
import io.mailseal.use.sync.KeyDefaults;
import io.mailseal.use.sync.SmimeSyncSettings;
import io.mailseal.use.sync.UseSyncSettings;
import io.mailseal.use.sync.WatchDog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The admin's USE sync settings: the SFTP share and its accepted host key, the share's directories, the schedule, the
 * key defaults, who gets reports, whether weak keys are allowed, and the default passphrase for private-key imports.
 * Stored as their own JSON document next to the main settings ({@code BandanaUseSettingsStore}), every secret sealed.
 *
 * <p>Immutable and thread-safe; {@code toString()} never shows a secret. Defaults ({@link #defaults()}): no share
 * (the sync is not configured), port 22, directories {@code /import}, {@code /keys/public}, {@code /keys/private},
 * {@code /return}; schedule off with an interval of 15 minutes; keys RSA-4096 valid one year (spec); no report
 * recipients, the sender of Confluence's mail server; weak keys refused; no default passphrase; the WatchDog off
 * (chained); S/MIME automatic, at most 1000 live certificates, renewal 48 hours before expiry; a managed key can be
 * downloaded by its owner once only.
 *
 * @param sftp              the share
 * @param directories       the share's directories
 * @param schedule          whether and how often the sync runs by itself
 * @param keyDefaults       what a {@code pgp-state} line leaves out
 * @param reportTo          who gets every report
 * @param reportFrom        the reports' sender; empty: the default sender of Confluence's SMTP server
 * @param allowWeakKeys     whether {@code keylength:1024} is accepted
 * @param defaultPassphrase tried first on every private key imported; may be empty
 * @param watchdog          whether the WatchDog job runs and in which chaining mode
 * @param smime             how the sync and the WatchDog create S/MIME certificates (mode, limit, renewal buffer)
 * @param repeatKeyDownloads "Users may download their managed keys more than once": whether a user may download a
 *                           managed key (profile page) again after the first time; off by default
 */
public record UseSettings(Sftp sftp, Directories directories, Schedule schedule, KeyDefaults keyDefaults,
                          List<EmailAddress> reportTo, Optional<EmailAddress> reportFrom, boolean allowWeakKeys,
                          Secret defaultPassphrase, Watchdog watchdog, Smime smime, boolean repeatKeyDownloads) {

    /** The largest renewal buffer, in hours (90 days). */
    public static final int MAX_RENEWAL_BUFFER_HOURS = 2160;
    /** The largest limit of live certificates that can be set (the CA's own profile may allow fewer). */
    public static final int MAX_LIVE_LIMIT = 1_000_000;

    /** The default interval of the schedule, in minutes. */
    public static final int DEFAULT_INTERVAL_MINUTES = 15;
    private static final Pattern DIRECTORY = Pattern.compile("/([A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*)?");

    /**
     * The SFTP share.
     *
     * @param host       host name or address; empty until configured
     * @param port       port, 22 by default
     * @param user       login
     * @param password   password; empty when a private key is used
     * @param privateKey OpenSSH or PEM private key text; empty for password login
     * @param passphrase the private key's passphrase; may be empty
     * @param hostKey    the accepted host key fingerprint ({@code SHA256:...}); empty until the admin accepted one
     */
    public record Sftp(String host, int port, String user, Secret password, Secret privateKey, Secret passphrase,
                       Optional<String> hostKey) {

        /** Validates. */
        public Sftp {
            host = Objects.requireNonNull(host, "host").strip();
            user = Objects.requireNonNull(user, "user").strip();
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(passphrase, "passphrase");
            Objects.requireNonNull(hostKey, "hostKey");
        }

        /**
         * The engine's connection settings.
         *
         * @return the settings, with the default timeouts and file cap
         */
        public SftpSettings toEngine() {
            SftpSettings settings = SftpSettings.withPassword(host, user, password, hostKey.orElse(null))
                    .withPort(port);
            return privateKey.isEmpty() ? settings : settings.withPrivateKey(privateKey.reveal(), passphrase);
        }

        /**
         * The same share with another accepted host key.
         *
         * @param fingerprint the fingerprint; empty to forget it
         * @return the copy
         */
        public Sftp withHostKey(Optional<String> fingerprint) {
            return new Sftp(host, port, user, password, privateKey, passphrase, fingerprint);
        }

        @Override
        public String toString() {
            return "Sftp[" + user + "@" + host + ":" + port + ", password=" + password + ", privateKey="
                    + (privateKey.isEmpty() ? "none" : "********") + ", hostKey=" + hostKey.orElse("none") + "]";
        }
    }

    /**
     * The share's directories.
     *
     * @param imports     where {@code .useimport} and {@code .ruleimport} files arrive
     * @param publicKeys  where public keys to import arrive; empty: not used
     * @param privateKeys where private keys to import arrive; empty: not used
     * @param returns     where reports are pushed back; empty: no pushback
     */
    public record Directories(String imports, Optional<String> publicKeys, Optional<String> privateKeys,
                              Optional<String> returns) {

        /** Validates. */
        public Directories {
            Objects.requireNonNull(imports, "imports");
            Objects.requireNonNull(publicKeys, "publicKeys");
            Objects.requireNonNull(privateKeys, "privateKeys");
            Objects.requireNonNull(returns, "returns");
        }
    }

    /**
     * The schedule.
     *
     * @param enabled         whether the sync runs by itself
     * @param intervalMinutes how often, 5 to 1440 minutes
     */
    public record Schedule(boolean enabled, int intervalMinutes) {

        /**
         * The interval.
         *
         * @return the interval as a duration
         */
        public Duration interval() {
            return Duration.ofMinutes(intervalMinutes);
        }
    }

    /**
     * The WatchDog job: it runs once a day over the "S/MIME users" list, but only while it is enabled here and a
     * certificate authority is set up.
     *
     * @param enabled whether the WatchDog runs; off by default
     * @param mode    {@link WatchDog.Chaining#CHAINED} (renew only) or {@link WatchDog.Chaining#UNCHAINED} (also
     *                create first certificates); chained by default
     */
    public record Watchdog(boolean enabled, WatchDog.Chaining mode) {

        /** Off, chained. */
        public static final Watchdog DEFAULTS = new Watchdog(false, WatchDog.Chaining.CHAINED);

        /** Validates. */
        public Watchdog {
            Objects.requireNonNull(mode, "mode");
        }
    }

    /**
     * How S/MIME certificates are created.
     *
     * @param mode               automatic (created during the sync or the WatchDog's cycle) or semi-automatic (an
     *                           instructions CSV for the admins); automatic by default
     * @param maxLive            the most live certificates, 1 to {@link #MAX_LIVE_LIMIT}; 1000 by default; the CA
     *                           profile's own limit applies when it is lower
     * @param renewalBufferHours a certificate expiring within this many hours is renewed, 1 to
     *                           {@link #MAX_RENEWAL_BUFFER_HOURS}; 48 by default (the spec's)
     */
    public record Smime(SmimeSyncSettings.Mode mode, int maxLive, int renewalBufferHours) {

        /** Automatic, 1000, 48 hours. */
        public static final Smime DEFAULTS = new Smime(SmimeSyncSettings.Mode.AUTOMATIC,
                SmimeSyncSettings.DEFAULTS.maxLive(), (int) SmimeSyncSettings.DEFAULTS.renewalBuffer().toHours());

        /** Validates what is not a range (ranges are {@link UseSettings#problems()}). */
        public Smime {
            Objects.requireNonNull(mode, "mode");
        }
    }

    /**
     * Settings without the WatchDog part (it is off).
     *
     * @param sftp              the share
     * @param directories       the share's directories
     * @param schedule          the sync's schedule
     * @param keyDefaults       the key defaults
     * @param reportTo          who gets every report
     * @param reportFrom        the reports' sender
     * @param allowWeakKeys     whether 1024-bit keys are accepted
     * @param defaultPassphrase the default passphrase for private-key imports
     */
    public UseSettings(Sftp sftp, Directories directories, Schedule schedule, KeyDefaults keyDefaults,
                       List<EmailAddress> reportTo, Optional<EmailAddress> reportFrom, boolean allowWeakKeys,
                       Secret defaultPassphrase) {
        this(sftp, directories, schedule, keyDefaults, reportTo, reportFrom, allowWeakKeys, defaultPassphrase,
                Watchdog.DEFAULTS, Smime.DEFAULTS);
    }

    /**
     * Settings with managed keys downloadable once only.
     *
     * @param sftp              the share
     * @param directories       the share's directories
     * @param schedule          the sync's schedule
     * @param keyDefaults       the key defaults
     * @param reportTo          who gets every report
     * @param reportFrom        the reports' sender
     * @param allowWeakKeys     whether 1024-bit keys are accepted
     * @param defaultPassphrase the default passphrase for private-key imports
     * @param watchdog          the WatchDog settings
     * @param smime             the S/MIME settings
     */
    public UseSettings(Sftp sftp, Directories directories, Schedule schedule, KeyDefaults keyDefaults,
                       List<EmailAddress> reportTo, Optional<EmailAddress> reportFrom, boolean allowWeakKeys,
                       Secret defaultPassphrase, Watchdog watchdog, Smime smime) {
        this(sftp, directories, schedule, keyDefaults, reportTo, reportFrom, allowWeakKeys, defaultPassphrase,
                watchdog, smime, false);
    }

    /** Validates and copies. */
    public UseSettings {
        Objects.requireNonNull(sftp, "sftp");
        Objects.requireNonNull(directories, "directories");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(keyDefaults, "keyDefaults");
        reportTo = List.copyOf(reportTo);
        Objects.requireNonNull(reportFrom, "reportFrom");
        Objects.requireNonNull(defaultPassphrase, "defaultPassphrase");
        Objects.requireNonNull(watchdog, "watchdog");
        Objects.requireNonNull(smime, "smime");
    }

    /**
     * The defaults: nothing configured.
     *
     * @return the settings
     */
    public static UseSettings defaults() {
        return new UseSettings(new Sftp("", SftpSettings.DEFAULT_PORT, "", Secret.empty(), Secret.empty(),
                Secret.empty(), Optional.empty()), new Directories("/import", Optional.of("/keys/public"),
                Optional.of("/keys/private"), Optional.of("/return")),
                new Schedule(false, DEFAULT_INTERVAL_MINUTES), KeyDefaults.SPEC, List.of(), Optional.empty(), false,
                Secret.empty());
    }

    /**
     * Whether a share is set at all (a host).
     *
     * @return true if the sync can be tried
     */
    public boolean configured() {
        return !sftp.host().isEmpty();
    }

    /**
     * The same settings with another share.
     *
     * @param value the share
     * @return the copy
     */
    public UseSettings withSftp(Sftp value) {
        return new UseSettings(value, directories, schedule, keyDefaults, reportTo, reportFrom, allowWeakKeys,
                defaultPassphrase, watchdog, smime, repeatKeyDownloads);
    }

    /**
     * The same settings with other report recipients.
     *
     * @param value who gets every report
     * @return the copy
     */
    public UseSettings withReportTo(List<EmailAddress> value) {
        return new UseSettings(sftp, directories, schedule, keyDefaults, value, reportFrom, allowWeakKeys,
                defaultPassphrase, watchdog, smime, repeatKeyDownloads);
    }

    /**
     * The same settings with another WatchDog part.
     *
     * @param value the WatchDog settings
     * @return the copy
     */
    public UseSettings withWatchdog(Watchdog value) {
        return new UseSettings(sftp, directories, schedule, keyDefaults, reportTo, reportFrom, allowWeakKeys,
                defaultPassphrase, value, smime, repeatKeyDownloads);
    }

    /**
     * The same settings with another S/MIME part.
     *
     * @param value the S/MIME settings
     * @return the copy
     */
    public UseSettings withSmime(Smime value) {
        return new UseSettings(sftp, directories, schedule, keyDefaults, reportTo, reportFrom, allowWeakKeys,
                defaultPassphrase, watchdog, value, repeatKeyDownloads);
    }

    /**
     * The same settings with repeated managed-key downloads allowed or not.
     *
     * @param value whether a user may download a managed key more than once
     * @return the copy
     */
    public UseSettings withRepeatKeyDownloads(boolean value) {
        return new UseSettings(sftp, directories, schedule, keyDefaults, reportTo, reportFrom, allowWeakKeys,
                defaultPassphrase, watchdog, smime, value);
    }

    /**
     * Every problem, each naming its field ({@code sftp.host}, {@code directories.imports}, {@code schedule},
     * {@code keys}, {@code reportTo}...). The unset share of {@link #defaults()} is valid: the sync just does not run.
     *
     * @return the problems; empty if the settings can be used
     */
    public List<Checked.Problem> problems() {
        List<Checked.Problem> problems = new ArrayList<>();
        if (configured() && sftp.toEngine().check() instanceof Checked.Invalid<SftpSettings> invalid) {
            problems.addAll(invalid.problems());
        }
        directory("directories.imports", Optional.of(directories.imports()), problems);
        directory("directories.publicKeys", directories.publicKeys(), problems);
        directory("directories.privateKeys", directories.privateKeys(), problems);
        directory("directories.returns", directories.returns(), problems);
        if (schedule.intervalMinutes() < 5 || schedule.intervalMinutes() > 1440) {
            problems.add(new Checked.Problem("schedule.intervalMinutes", "must be between 5 and 1440 minutes"));
        }
        if (schedule.enabled() && !configured()) {
            problems.add(new Checked.Problem("schedule.enabled", "needs a share (host) first"));
        }
        if (keyDefaults.rsaBits() == 1024 && !allowWeakKeys) {
            problems.add(new Checked.Problem("keys.rsaBits", "1024 bits needs weak keys allowed"));
        }
        if (smime.maxLive() < 1 || smime.maxLive() > MAX_LIVE_LIMIT) {
            problems.add(new Checked.Problem("smime.maxLive", "must be between 1 and " + MAX_LIVE_LIMIT));
        }
        if (smime.renewalBufferHours() < 1 || smime.renewalBufferHours() > MAX_RENEWAL_BUFFER_HOURS) {
            problems.add(new Checked.Problem("smime.renewalBufferHours", "must be between 1 and "
                    + MAX_RENEWAL_BUFFER_HOURS + " hours"));
        }
        if (keyDefaults.type() == PgpKeyType.DSA) {
            problems.add(new Checked.Problem("keys.type", "DSA keys are not made by default; choose RSA or Ed25519"));
        }
        return List.copyOf(problems);
    }

    /**
     * The engine's settings for one run.
     *
     * @param from    the reports' sender (this one's {@link #reportFrom}, or the SMTP server's)
     * @param adminTo the admin recipients ({@code addmailadmin})
     * @return the settings
     */
    public UseSyncSettings toSync(EmailAddress from, List<EmailAddress> adminTo) {
        return toSync(from, adminTo, SmimeSyncSettings.DEFAULTS);
    }

    /**
     * The engine's settings for a run, with the S/MIME part given.
     *
     * @param from    the report sender
     * @param adminTo the admin addresses
     * @param smime   the S/MIME part (mode, renewal buffer, limit), e.g. {@link SmimeSyncSettings#of} the CA's profile
     * @return the engine's settings
     */
    public UseSyncSettings toSync(EmailAddress from, List<EmailAddress> adminTo, SmimeSyncSettings smime) {
        UseSyncSettings defaults = UseSyncSettings.defaults(from, reportTo);
        return new UseSyncSettings(directories.imports(), directories.publicKeys(), directories.privateKeys(),
                directories.returns(), keyDefaults, defaultPassphrase, reportTo, adminTo, from,
                defaults.incompleteCycles(), defaults.returnRetention(), defaults.parallelism(), allowWeakKeys,
                smime);
    }

    /**
     * The S/MIME part for the sync and the WatchDog: this one's mode and renewal buffer, the lower of this one's
     * limit and the CA profile's, the profile's key and validity, the transactional report to {@link #reportTo}.
     *
     * @param profile the CA's profile
     * @return the settings
     */
    public SmimeSyncSettings smimeSettings(CaProfile profile) {
        SmimeSyncSettings base = SmimeSyncSettings.of(profile);
        return new SmimeSyncSettings(smime.mode(), Duration.ofHours(smime.renewalBufferHours()),
                Math.min(smime.maxLive(), profile.maxLive()), base.keySpec(), base.validity(), reportTo);
    }

    private static void directory(String field, Optional<String> value, List<Checked.Problem> problems) {
        if (value.isPresent() && !DIRECTORY.matcher(value.get()).matches()) {
            problems.add(new Checked.Problem(field, "must be an absolute path of letters, digits, '.', '_' or '-'"
                    + " (no '..')"));
        } else if (value.isPresent() && value.get().contains("..")) {
            problems.add(new Checked.Problem(field, "must not contain '..'"));
        }
    }

    @Override
    public String toString() {
        return "UseSettings[" + sftp + ", " + directories + ", " + schedule + ", " + keyDefaults + ", reportTo="
                + reportTo + ", reportFrom=" + reportFrom + ", allowWeakKeys=" + allowWeakKeys
                + ", defaultPassphrase=" + defaultPassphrase + ", " + watchdog + ", " + smime + ", repeatKeyDownloads="
                + repeatKeyDownloads + "]";
    }
}
