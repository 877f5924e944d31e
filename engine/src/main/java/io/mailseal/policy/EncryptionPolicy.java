package io.mailseal.policy;

import java.util.List;
import java.util.Objects;

/**
 * The admin's encryption policy (settings {@code encryption.*}).
 *
 * <p>Immutable and thread-safe. {@link #DEFAULTS}: S/MIME preferred, problem report as fallback, no copy for the
 * sender, no exemptions.
 *
 * @param typePriority     which kind of key to try first
 * @param fallback         what a recipient without a usable key gets
 * @param encryptForSender also encrypt for the sender's key (so the sent copy stays readable)
 * @param exemptions       rules that let chosen mail go unencrypted
 */
public record EncryptionPolicy(TypePriority typePriority, Fallback fallback, boolean encryptForSender,
                               List<Exemption> exemptions) {

    /** The policy of a fresh installation. */
    public static final EncryptionPolicy DEFAULTS =
            new EncryptionPolicy(TypePriority.SMIME_PREFERRED, Fallback.PROBLEM_REPORT, false, List.of());

    /** Validates and copies. */
    public EncryptionPolicy {
        Objects.requireNonNull(typePriority, "typePriority");
        Objects.requireNonNull(fallback, "fallback");
        exemptions = List.copyOf(exemptions);
    }
}
