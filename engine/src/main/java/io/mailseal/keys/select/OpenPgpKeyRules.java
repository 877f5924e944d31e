package io.mailseal.keys.select;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySummary;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.RejectionReason;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentSignature;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPUserId;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Decides whether an OpenPGP key may be used to encrypt mail to an address, and which of its keys to encrypt to
 * (RFC 9580 as GnuPG applies it; keys-and-crypto.md 4.1).
 *
 * <p>A key is usable when it is a v4 key, its primary key is neither revoked nor expired, a user ID whose addr-spec is
 * the address is validly self-certified and not revoked (with a binding not hashed with MD5, SHA-1 or RIPEMD-160),
 * and it has a valid encryption-capable key of sufficient strength (RSA, DSA and ElGamal of at least 2048 bits).
 * Mailseal encrypts to the newest such key, as GnuPG does. Among several usable keys for one address, the one with the
 * newest encryption key comes first. Key servers match loosely, so every key is checked here, whatever its source.
 *
 * <p>Thread-safe and immutable. The clock decides "now".
 */
public final class OpenPgpKeyRules {

    private static final int MINIMUM_BITS = 2048;

    private final Clock clock;

    /**
     * Creates the rules.
     *
     * @param clock the source of "now" for expiry and revocation
     */
    public OpenPgpKeyRules(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks every candidate and orders the usable ones, newest encryption key first.
     *
     * @param address    the recipient
     * @param candidates key rings found for (or near) the address
     * @return the usable keys and the rejections
     */
    public Selection select(EmailAddress address, Collection<PGPPublicKeyRing> candidates) {
        List<Usable> usable = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (PGPPublicKeyRing candidate : candidates) {
            Outcome outcome = check(address, candidate);
            if (outcome instanceof Usable key) {
                usable.add(key);
            } else {
                rejected.add(((Rejected) outcome).rejection());
            }
        }
        usable.sort(Comparator.comparing(Usable::encryptionKeyCreated).reversed());
        return new Selection(usable.stream().map(u -> (RecipientKey) u.key()).toList(), rejected);
    }

    /** What checking one key ring gave. */
    public sealed interface Outcome {
    }

    /**
     * The key may be used.
     *
     * @param key                  the recipient key with the chosen encryption key
     * @param encryptionKeyCreated when that encryption key was created
     */
    public record Usable(RecipientKey.Pgp key, Instant encryptionKeyCreated) implements Outcome {
    }

    /**
     * The key may not be used.
     *
     * @param rejection why
     */
    public record Rejected(Rejection rejection) implements Outcome {
    }

    /**
     * Checks one key ring.
     *
     * @param address the recipient
     * @param ring    the candidate
     * @return the usable key or the first rule it breaks
     */
    public Outcome check(EmailAddress address, PGPPublicKeyRing ring) {
        Date now = Date.from(clock.instant());
        PGPPublicKey primaryKey = ring.getPublicKey();
        String fingerprint = RecipientKey.Pgp.fingerprint(primaryKey.getFingerprint());
        if (primaryKey.getVersion() != 4) {
            return rejected(fingerprint, "", null, RejectionReason.UNSUPPORTED,
                    "OpenPGP v" + primaryKey.getVersion() + " key; only v4 keys are used (GnuPG reads no other)");
        }
        OpenPGPCertificate certificate;
        try {
            certificate = new OpenPGPCertificate(ring);
        } catch (RuntimeException e) {
            return rejected(fingerprint, "", null, RejectionReason.MALFORMED, "unusable key: " + e.getMessage());
        }
        List<OpenPGPUserId> matching = certificate.getAllUserIds().stream()
                .filter(uid -> addressOf(uid.getUserId()).filter(address::matches).isPresent()).toList();
        String subject = matching.isEmpty() ? primaryUserId(certificate) : matching.get(0).getUserId();
        Instant primaryExpiry = instant(certificate.getPrimaryKey().getKeyExpirationDateAt(now));
        if (weak(primaryKey)) {
            return rejected(fingerprint, subject, primaryExpiry, RejectionReason.WEAK_KEY, strength(primaryKey));
        }
        if (selfRevoked(primaryKey, now)) {
            return rejected(fingerprint, subject, primaryExpiry, RejectionReason.REVOKED, "the key is revoked");
        }
        if (matching.isEmpty()) {
            return rejected(fingerprint, subject, primaryExpiry, RejectionReason.ADDRESS_MISMATCH,
                    "no user ID with " + address + " (user IDs: " + String.join(", ", userIds(certificate)) + ")");
        }
        if (primaryKey.getCreationTime().after(now)) {
            return rejected(fingerprint, subject, primaryExpiry, RejectionReason.NOT_YET_VALID,
                    "created in the future, at " + primaryKey.getCreationTime().toInstant());
        }
        if (primaryExpiry != null && !now.toInstant().isBefore(primaryExpiry)) {
            return rejected(fingerprint, subject, primaryExpiry, RejectionReason.EXPIRED, "expired on " + primaryExpiry);
        }
        List<OpenPGPUserId> valid = certificate.getValidUserIds(now).stream().filter(matching::contains).toList();
        if (valid.isEmpty()) {
            return rejected(fingerprint, subject, primaryExpiry, RejectionReason.USER_ID_REVOKED,
                    "user ID '" + subject + "' is revoked or not self-certified");
        }
        OpenPGPUserId userId = valid.get(0);
        if (weakHash(userId.getLatestSelfSignature(now))) {
            return rejected(fingerprint, userId.getUserId(), primaryExpiry, RejectionReason.WEAK_SIGNATURE,
                    "user ID binding hashed with MD5, SHA-1 or RIPEMD-160");
        }
        List<OpenPGPComponentKey> encryptionKeys = certificate.getEncryptionKeys(now);
        List<OpenPGPComponentKey> strong = encryptionKeys.stream()
                .filter(key -> !weak(key.getPGPPublicKey()))
                .filter(key -> !weakHash(key.getLatestSelfSignature(now)))
                .sorted(Comparator.comparing(OpenPGPComponentKey::getCreationTime).reversed())
                .toList();
        if (strong.isEmpty()) {
            return rejected(fingerprint, userId.getUserId(), primaryExpiry,
                    encryptionKeys.isEmpty() ? RejectionReason.NO_ENCRYPTION_KEY : RejectionReason.WEAK_KEY,
                    encryptionKeys.isEmpty() ? "no valid encryption key"
                            : "every encryption key is too weak: " + strength(encryptionKeys.get(0).getPGPPublicKey()));
        }
        OpenPGPComponentKey chosen = strong.get(0);
        Instant expires = earliest(primaryExpiry, instant(chosen.getKeyExpirationDateAt(now)));
        RecipientKey.Pgp key = new RecipientKey.Pgp(ring, userId.getUserId(),
                RecipientKey.Pgp.fingerprint(chosen.getPGPPublicKey().getFingerprint()), expires);
        return new Usable(key, chosen.getCreationTime().toInstant());
    }

    /**
     * The addr-spec of a user ID: the text in its last angle brackets, or the whole user ID if it is an address.
     *
     * @param userId a user ID such as {@code Alice Test <alice@example.com>}
     * @return the address, or empty if the user ID has none
     */
    public static Optional<EmailAddress> addressOf(String userId) {
        int open = userId.lastIndexOf('<');
        int close = userId.lastIndexOf('>');
        if (open >= 0 && close > open) {
            return EmailAddress.find(userId.substring(open + 1, close));
        }
        return EmailAddress.find(userId);
    }

    /**
     * Whether the primary key carries a valid key revocation (0x20) it issued itself, dated before now. (Bouncy
     * Castle's {@code getRevocation} of the primary key also returns user ID revocations, so it cannot tell.)
     * Revocations by designated revokers are not honoured.
     */
    private static boolean selfRevoked(PGPPublicKey primaryKey, Date now) {
        for (Iterator<PGPSignature> it = primaryKey.getSignaturesOfType(PGPSignature.KEY_REVOCATION); it.hasNext(); ) {
            PGPSignature revocation = it.next();
            if (revocation.getKeyID() != primaryKey.getKeyID() || revocation.getCreationTime().after(now)) {
                continue;
            }
            try {
                revocation.init(new BcPGPContentVerifierBuilderProvider(), primaryKey);
                if (revocation.verifyCertification(primaryKey)) {
                    return true;
                }
            } catch (PGPException | RuntimeException e) {
                // a revocation that does not verify revokes nothing
            }
        }
        return false;
    }

    private static boolean weak(PGPPublicKey key) {
        return switch (key.getAlgorithm()) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_ENCRYPT, PublicKeyAlgorithmTags.RSA_SIGN,
                 PublicKeyAlgorithmTags.DSA, PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT,
                 PublicKeyAlgorithmTags.ELGAMAL_GENERAL -> key.getBitStrength() < MINIMUM_BITS;
            default -> false;
        };
    }

    private static boolean weakHash(OpenPGPComponentSignature signature) {
        if (signature == null) {
            return false;
        }
        int hash = signature.getSignature().getHashAlgorithm();
        return hash == HashAlgorithmTags.MD5 || hash == HashAlgorithmTags.SHA1 || hash == HashAlgorithmTags.RIPEMD160;
    }

    private static String strength(PGPPublicKey key) {
        return "algorithm " + key.getAlgorithm() + " with " + key.getBitStrength() + " bits (minimum 2048)";
    }

    private static String primaryUserId(OpenPGPCertificate certificate) {
        List<String> userIds = userIds(certificate);
        return userIds.isEmpty() ? "" : userIds.get(0);
    }

    private static List<String> userIds(OpenPGPCertificate certificate) {
        return certificate.getAllUserIds().stream().map(OpenPGPUserId::getUserId).toList();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static Rejected rejected(String fingerprint, String subject, Instant expires, RejectionReason reason,
                                     String detail) {
        return new Rejected(new Rejection(new KeySummary(KeyType.PGP, fingerprint, subject, expires), reason, detail));
    }
}
