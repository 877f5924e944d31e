package io.mailseal.confluence.jobs;

import io.mailseal.confluence.ca.ManagedCa;
import io.mailseal.confluence.storage.AoRunLock;
import io.mailseal.confluence.storage.BandanaUseSettingsStore;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.settings.SecretCodec;
import io.mailseal.use.sftp.ImportShare;
import io.mailseal.use.sftp.JschSftpShare;
import io.mailseal.use.sftp.SftpSettings;
import io.mailseal.use.sync.SyncStores;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every USE run works with — the sync job, the WatchDog job and the admin's CA operations
 * ({@link CaAdministration}): they read the same settings, change the same stores, issue through the same CA, take
 * the same cluster-wide run lock, and report the same way. One value, so the three are wired alike.
 *
 * <p>Immutable; thread-safe as its parts are (all of them are).
 *
 * @param settings the USE settings (share, schedule, WatchDog, report recipients and sender)
 * @param stores   the sync's stores (managed keys, groups, rules, run history, S/MIME users)
 * @param ca       the built-in certificate authority
 * @param lock     the cluster-wide run lock ({@link UseSyncJob#LOCK})
 * @param crypto   the crypto runtime
 * @param codec    seals new private keys and opens the share's secrets
 * @param mailer   sends the reports through Confluence's SMTP server
 * @param clock    the time
 * @param shares   opens the share the settings name (default: {@link JschSftpShare})
 */
public record UseMachinery(BandanaUseSettingsStore settings, SyncStores stores, ManagedCa ca, AoRunLock lock,
                           CryptoRuntime crypto, SecretCodec codec, SyncReportMailer mailer, Clock clock,
                           Function<SftpSettings, ImportShare> shares) {

    /** Checks that no part is missing. */
    public UseMachinery {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(mailer, "mailer");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(shares, "shares");
    }

    /**
     * The machinery with the real SFTP share ({@link JschSftpShare}), as the plugin wires it.
     *
     * @param settings the USE settings
     * @param stores   the sync's stores
     * @param ca       the built-in certificate authority
     * @param lock     the cluster-wide run lock
     * @param crypto   the crypto runtime
     * @param codec    the secret codec
     * @param mailer   the report mailer
     * @param clock    the time
     */
    public UseMachinery(BandanaUseSettingsStore settings, SyncStores stores, ManagedCa ca, AoRunLock lock,
                        CryptoRuntime crypto, SecretCodec codec, SyncReportMailer mailer, Clock clock) {
        this(settings, stores, ca, lock, crypto, codec, mailer, clock, JschSftpShare::new);
    }

    /**
     * The same machinery opening shares another way (tests).
     *
     * @param opener opens the share the settings name
     * @return the copy
     */
    public UseMachinery withShares(Function<SftpSettings, ImportShare> opener) {
        return new UseMachinery(settings, stores, ca, lock, crypto, codec, mailer, clock, opener);
    }
}
