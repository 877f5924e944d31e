package io.mailseal.crypto.pgp;

import io.mailseal.keys.RecipientKey;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentSignature;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPUserId;

/**
 * Chooses the symmetric algorithm every recipient accepts (keys-and-crypto.md 4.2). Stateless and thread-safe.
 *
 * <p>A recipient's preferences are the Preferred Symmetric Algorithms of the latest valid self-signature on the
 * recipient's user ID, else on the primary user ID, else of the primary key's latest self-signature. Only AES counts;
 * AES-128 is always acceptable (RFC 9580 makes it the implicit default and mandatory to implement), so the result is
 * never weaker than AES-128.
 */
final class SymmetricPreferences {

    /** The AES variants, strongest first. */
    private enum Aes {
        AES_256(SymmetricKeyAlgorithmTags.AES_256),
        AES_192(SymmetricKeyAlgorithmTags.AES_192),
        AES_128(SymmetricKeyAlgorithmTags.AES_128);

        private final int id;

        Aes(int id) {
            this.id = id;
        }

        static Aes of(int id) {
            for (Aes aes : values()) {
                if (aes.id == id) {
                    return aes;
                }
            }
            return null;
        }
    }

    private SymmetricPreferences() {
    }

    static int negotiate(List<RecipientKey.Pgp> recipients, Date now) {
        Set<Aes> shared = EnumSet.allOf(Aes.class);
        for (RecipientKey.Pgp recipient : recipients) {
            shared.retainAll(accepted(recipient, now));
        }
        // AES-128 is in every accepted set, so shared is never empty; EnumSet iterates strongest first
        return shared.iterator().next().id;
    }

    private static Set<Aes> accepted(RecipientKey.Pgp recipient, Date now) {
        Set<Aes> accepted = EnumSet.of(Aes.AES_128);
        int[] preferences = preferences(recipient, now);
        if (preferences != null) {
            for (int id : preferences) {
                Aes aes = Aes.of(id);
                if (aes != null) {
                    accepted.add(aes);
                }
            }
        }
        return accepted;
    }

    /** The listed preferences, or null if the key states none. */
    private static int[] preferences(RecipientKey.Pgp recipient, Date now) {
        OpenPGPCertificate certificate;
        try {
            certificate = new OpenPGPCertificate(recipient.keyRing());
        } catch (RuntimeException e) {
            return null;
        }
        int[] fromUserId = fromUserId(certificate.getUserId(recipient.userId()), now);
        if (fromUserId != null) {
            return fromUserId;
        }
        int[] fromPrimaryUserId = fromUserId(certificate.getPrimaryUserId(now), now);
        if (fromPrimaryUserId != null) {
            return fromPrimaryUserId;
        }
        return fromSignature(certificate.getPrimaryKey().getLatestSelfSignature(now));
    }

    private static int[] fromUserId(OpenPGPUserId userId, Date now) {
        return userId == null ? null : fromSignature(userId.getLatestSelfSignature(now));
    }

    private static int[] fromSignature(OpenPGPComponentSignature signature) {
        if (signature == null) {
            return null;
        }
        PGPSignature raw = signature.getSignature();
        PGPSignatureSubpacketVector hashed = raw.getHashedSubPackets();
        if (hashed == null || !hashed.hasSubpacket(SignatureSubpacketTags.PREFERRED_SYM_ALGS)) {
            return null;
        }
        return hashed.getPreferredSymmetricAlgorithms();
    }
}
