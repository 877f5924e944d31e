package io.mailseal.use.sync;

import io.mailseal.ca.CaProfile;
import io.mailseal.ca.KeySpec;
import io.mailseal.keys.EmailAddress;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Objects;

/**
 * How the sync and the WatchDog handle S/MIME certificates: automatic or semi-automatic creation, the renewal
 * buffer, the safety limit on live certificates, what a certificate is created with (for the semi-automatic
 * instructions) and who gets the S/MIME transactional report.
 *
 * <p>Immutable and thread-safe. Defaults ({@link #DEFAULTS}): automatic mode, a renewal buffer of 48 hours (the
 * spec's), at most 1000 live certificates (the spec's example, as {@link CaProfile#defaults}), RSA 3072 valid one
 * year, the transactional report to the sync report's recipients.
 *
 * @param mode           create during the sync, or write instructions for the admins
 * @param renewalBuffer  a live certificate that expires within this much time is renewed; not negative
 * @param maxLive        the most live certificates; a sync creates none beyond (take {@link CaProfile#maxLive()})
 * @param keySpec        the key a certificate is created with (take {@link CaProfile#defaultKey()})
 * @param validity       how long a certificate is valid (take {@link CaProfile#validity()})
 * @param transactionsTo who gets the S/MIME transactional report; empty: the sync report's recipients
 */
public record SmimeSyncSettings(Mode mode, Duration renewalBuffer, int maxLive, KeySpec keySpec, Period validity,
                                List<EmailAddress> transactionsTo) {

    /** The defaults: automatic, 48 hours, 1000, RSA 3072, one year, the report's recipients. */
    public static final SmimeSyncSettings DEFAULTS = new SmimeSyncSettings(Mode.AUTOMATIC, Duration.ofHours(48), 1000,
            KeySpec.RSA_3072, Period.ofYears(1), List.of());

    /** When certificates are created. */
    public enum Mode {
        /** Created during the sync (or the WatchDog's cycle). */
        AUTOMATIC,
        /**
         * Nothing is created: a CSV of instructions goes to the admins, who check it and import it later ("batch
         * processed", {@link CertificateBatch}).
         */
        SEMI_AUTOMATIC
    }

    /** Validates and copies. */
    public SmimeSyncSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(renewalBuffer, "renewalBuffer");
        if (renewalBuffer.isNegative()) {
            throw new IllegalArgumentException("renewalBuffer must not be negative: " + renewalBuffer);
        }
        if (maxLive < 1) {
            throw new IllegalArgumentException("maxLive must be positive: " + maxLive);
        }
        Objects.requireNonNull(keySpec, "keySpec");
        Objects.requireNonNull(validity, "validity");
        transactionsTo = List.copyOf(transactionsTo);
    }

    /**
     * The defaults with the CA's limit, key and validity.
     *
     * @param profile the CA's profile
     * @return automatic mode, 48 hours, and the profile's values
     */
    public static SmimeSyncSettings of(CaProfile profile) {
        return new SmimeSyncSettings(Mode.AUTOMATIC, DEFAULTS.renewalBuffer, profile.maxLive(), profile.defaultKey(),
                profile.validity(), List.of());
    }

    /**
     * The same settings in another mode.
     *
     * @param newMode the mode
     * @return new settings
     */
    public SmimeSyncSettings withMode(Mode newMode) {
        return new SmimeSyncSettings(newMode, renewalBuffer, maxLive, keySpec, validity, transactionsTo);
    }

    /**
     * The same settings with another limit.
     *
     * @param limit the most live certificates
     * @return new settings
     */
    public SmimeSyncSettings withMaxLive(int limit) {
        return new SmimeSyncSettings(mode, renewalBuffer, limit, keySpec, validity, transactionsTo);
    }

    /**
     * The same settings with another renewal buffer.
     *
     * @param buffer the buffer
     * @return new settings
     */
    public SmimeSyncSettings withRenewalBuffer(Duration buffer) {
        return new SmimeSyncSettings(mode, buffer, maxLive, keySpec, validity, transactionsTo);
    }
}
