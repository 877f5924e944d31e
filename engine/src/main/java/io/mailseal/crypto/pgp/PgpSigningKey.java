package io.mailseal.crypto.pgp;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.select.OpenPgpKeyRules;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPUserId;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * An unlocked OpenPGP signing key: the key that signs (chosen like GnuPG: the newest valid signing-capable key of the
 * secret key, primary or subkey), its private part, and the user ID it signs as.
 *
 * <p>Made by {@link #fromArmoredSecretKey}, which reports bad input as a {@link Problem} value and never throws for
 * it. The passphrase is used once to unlock the key and not kept.
 *
 * <p>Immutable and thread-safe (the Bouncy Castle objects are never modified). {@link #toString()} names the key and
 * never shows key material.
 *
 * @param certificate the public key ring of the secret key; not null
 * @param signingKey  the public part of the key that signs; not null
 * @param privateKey  the unlocked private part of that key; not null
 * @param userId      the user ID of the key the signer acts as (full text, e.g. {@code Bob Test <bob@example.com>});
 *                    not null
 */
public record PgpSigningKey(PGPPublicKeyRing certificate, PGPPublicKey signingKey, PGPPrivateKey privateKey,
                            String userId) {

    /** Validates the key. */
    public PgpSigningKey {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(userId, "userId");
        if (privateKey.getKeyID() != signingKey.getKeyID()) {
            throw new IllegalArgumentException("the private key does not belong to the signing key");
        }
    }

    /**
     * The fingerprint of the signing key, upper-case hex.
     *
     * @return the fingerprint
     */
    public String signingFingerprint() {
        return RecipientKey.Pgp.fingerprint(signingKey.getFingerprint());
    }

    @Override
    public String toString() {
        return "PgpSigningKey[" + userId + ", signing key " + signingFingerprint() + "]";
    }

    /** Why a secret key could not be used for signing. */
    public enum Reason {
        /** The input is no OpenPGP key at all, or is damaged. */
        MALFORMED,
        /** The input is a public key (certificate) without secret parts. */
        NOT_A_SECRET_KEY,
        /** The key has no valid signing-capable key with its secret part present. */
        NO_SIGNING_KEY,
        /** The passphrase does not unlock the signing key. */
        WRONG_PASSPHRASE,
        /** No valid user ID of the key is the given user ID or has its address. */
        USER_ID_NOT_FOUND
    }

    /** What {@link #fromArmoredSecretKey} gave. */
    public sealed interface Result permits Loaded, Problem {
    }

    /**
     * The key is unlocked and ready.
     *
     * @param key the signing key
     */
    public record Loaded(PgpSigningKey key) implements Result {

        /** Validates the value. */
        public Loaded {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The key cannot be used.
     *
     * @param reason why
     * @param detail the same in plain words, naming the key (never the passphrase)
     */
    public record Problem(Reason reason, String detail) implements Result {

        /** Validates the value. */
        public Problem {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Reads and unlocks a secret key, with the system clock deciding which keys are valid now.
     *
     * @param armored    the secret key, ASCII-armored (binary is accepted too); not null
     * @param passphrase the passphrase; null or empty for a key without protection
     * @param userId     the user ID to sign as: a full user ID or just its address; not null
     * @return the key, or the problem; never throws for bad input
     */
    public static Result fromArmoredSecretKey(byte[] armored, char[] passphrase, String userId) {
        return fromArmoredSecretKey(armored, passphrase, userId, Clock.systemUTC());
    }

    /**
     * Reads and unlocks a secret key.
     *
     * @param armored    the secret key, ASCII-armored (binary is accepted too); not null
     * @param passphrase the passphrase; null or empty for a key without protection
     * @param userId     the user ID to sign as: a full user ID or just its address; not null
     * @param clock      decides "now" for the validity of keys and user IDs; not null
     * @return the key, or the problem; never throws for bad input
     */
    public static Result fromArmoredSecretKey(byte[] armored, char[] passphrase, String userId, Clock clock) {
        Objects.requireNonNull(armored, "armored");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clock, "clock");
        PGPSecretKeyRing ring;
        try {
            Optional<PGPSecretKeyRing> found = readSecretRing(armored);
            if (found.isEmpty()) {
                return new Problem(Reason.NOT_A_SECRET_KEY, "the input is a public key or holds no secret key");
            }
            ring = found.get();
        } catch (IOException | RuntimeException e) {
            return new Problem(Reason.MALFORMED, "not an OpenPGP secret key: " + e.getMessage());
        }
        String primary = RecipientKey.Pgp.fingerprint(ring.getPublicKey().getFingerprint());
        try {
            Date now = Date.from(clock.instant());
            OpenPGPKey key = new OpenPGPKey(ring);
            Optional<OpenPGPUserId> matchingUserId = key.getValidUserIds(now).stream()
                    .filter(uid -> sameIdentity(uid.getUserId(), userId)).findFirst();
            if (matchingUserId.isEmpty()) {
                return new Problem(Reason.USER_ID_NOT_FOUND, "key " + primary + " has no valid user ID '" + userId
                        + "'");
            }
            List<OpenPGPComponentKey> signing = key.getSigningKeys(now).stream()
                    .sorted(Comparator.comparing(OpenPGPComponentKey::getCreationTime).reversed())
                    .toList();
            for (OpenPGPComponentKey candidate : signing) {
                PGPSecretKey secret = ring.getSecretKey(candidate.getPGPPublicKey().getKeyID());
                if (secret == null || secret.isPrivateKeyEmpty()) {
                    continue;
                }
                String fingerprint = RecipientKey.Pgp.fingerprint(secret.getFingerprint());
                PGPPrivateKey privateKey;
                try {
                    privateKey = secret.extractPrivateKey(new BcPBESecretKeyDecryptorBuilder(
                            new BcPGPDigestCalculatorProvider()).build(passphrase == null ? new char[0] : passphrase));
                } catch (PGPException | RuntimeException e) {
                    if (secret.getKeyEncryptionAlgorithm() != SymmetricKeyAlgorithmTags.NULL) {
                        return new Problem(Reason.WRONG_PASSPHRASE, "the passphrase does not unlock key "
                                + fingerprint + " of " + primary);
                    }
                    return new Problem(Reason.MALFORMED, "cannot read the secret part of key " + fingerprint + ": "
                            + e.getMessage());
                }
                if (privateKey == null) {
                    continue;
                }
                return new Loaded(new PgpSigningKey(publicRing(ring), secret.getPublicKey(), privateKey,
                        matchingUserId.get().getUserId()));
            }
            return new Problem(Reason.NO_SIGNING_KEY, "key " + primary
                    + " has no valid signing-capable key with its secret part");
        } catch (RuntimeException e) {
            return new Problem(Reason.MALFORMED, "unusable secret key " + primary + ": " + e.getMessage());
        }
    }

    private static Optional<PGPSecretKeyRing> readSecretRing(byte[] bytes) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
            Object next;
            boolean any = false;
            while ((next = factory.nextObject()) != null) {
                any = true;
                if (next instanceof PGPSecretKeyRing secretRing) {
                    return Optional.of(secretRing);
                }
            }
            if (!any) {
                throw new IOException("no OpenPGP packets");
            }
            return Optional.empty();
        }
    }

    private static PGPPublicKeyRing publicRing(PGPSecretKeyRing ring) {
        List<PGPPublicKey> keys = new ArrayList<>();
        ring.getPublicKeys().forEachRemaining(keys::add);
        return new PGPPublicKeyRing(keys);
    }

    private static boolean sameIdentity(String keyUserId, String wanted) {
        if (keyUserId.equals(wanted)) {
            return true;
        }
        Optional<EmailAddress> address = OpenPgpKeyRules.addressOf(keyUserId);
        Optional<EmailAddress> wantedAddress = OpenPgpKeyRules.addressOf(wanted);
        return address.isPresent() && wantedAddress.isPresent() && address.get().matches(wantedAddress.get());
    }
}
