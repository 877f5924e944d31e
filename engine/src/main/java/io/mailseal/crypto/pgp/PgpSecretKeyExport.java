package io.mailseal.crypto.pgp;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.RecipientKey;
import io.mailseal.settings.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * Re-protects a stored OpenPGP secret key with a passphrase the user chooses, for handing it out: every secret key
 * packet of the transferable secret key (primary and subkeys) is encrypted with AES-256 under an iterated and salted
 * S2K with SHA-256 ({@value #S2K_COUNT_CODED} coded count, about 33 million octets hashed, GnuPG 2.2's order of
 * magnitude) and the SHA-1 integrity check (S2K usage 254); the result is ASCII-armored without headers. User IDs,
 * signatures and public key packets are kept as they are.
 *
 * <p>The input is the form the managed key store keeps (sealed): the unprotected armored key from
 * {@link PgpKeyGenerator} or from a private-key import. A key that is protected already, or that is not an OpenPGP
 * secret key, fails with {@link PgpException.Code#KEY_EXPORT_FAILED}; the message never holds key material or the
 * passphrase. The passphrase's strength is the caller's business (see {@code io.mailseal.ca.PassphrasePolicy}).
 *
 * <p>Bouncy Castle's lightweight API only (no provider); randomness (salts, IVs) from the {@link CryptoRuntime}.
 * Thread-safe: stateless apart from the runtime's randomness.
 */
public final class PgpSecretKeyExport {

    /** The coded S2K count (RFC 4880 3.7.1.3): {@code (16 + (c & 15)) << ((c >> 4) + 6)} = 33,554,432 octets. */
    public static final int S2K_COUNT_CODED = 0xF0;

    private final CryptoRuntime crypto;

    /**
     * Creates the exporter.
     *
     * @param crypto the runtime (randomness); not null
     */
    public PgpSecretKeyExport(CryptoRuntime crypto) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    /**
     * Protects a secret key with a passphrase.
     *
     * @param unprotected the transferable secret key, armored or binary, without protection; not null
     * @param passphrase  the new passphrase; not null, not empty, not kept (the caller wipes it)
     * @return the protected key, ASCII-armored ({@code BEGIN PGP PRIVATE KEY BLOCK})
     * @throws PgpException with {@link PgpException.Code#KEY_EXPORT_FAILED} if the key cannot be read or protected
     */
    public byte[] protect(Secret unprotected, char[] passphrase) {
        Objects.requireNonNull(unprotected, "unprotected");
        Objects.requireNonNull(passphrase, "passphrase");
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("the passphrase must not be empty");
        }
        PGPSecretKeyRing ring = read(unprotected);
        String fingerprint = RecipientKey.Pgp.fingerprint(ring.getPublicKey().getFingerprint());
        PGPDigestCalculatorProvider digests = new BcPGPDigestCalculatorProvider();
        char[] none = new char[0];
        try {
            PBESecretKeyDecryptor open = new BcPBESecretKeyDecryptorBuilder(digests).build(none);
            List<PGPSecretKey> keys = new ArrayList<>();
            for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
                PGPSecretKey key = it.next();
                if (key.getKeyEncryptionAlgorithm() != SymmetricKeyAlgorithmTags.NULL) {
                    throw new PgpException(PgpException.Code.KEY_EXPORT_FAILED, "the stored secret key "
                            + fingerprint + " is protected already", null);
                }
                if (key.isPrivateKeyEmpty()) {
                    keys.add(key);
                    continue;
                }
                PBESecretKeyEncryptor protect = new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256,
                        digests.get(HashAlgorithmTags.SHA256), S2K_COUNT_CODED).setSecureRandom(crypto.random())
                        .build(passphrase);
                keys.add(PGPSecretKey.copyWithNewPassword(key, open, protect,
                        digests.get(HashAlgorithmTags.SHA1)));
            }
            ByteArrayOutputStream armored = new ByteArrayOutputStream();
            try (ArmoredOutputStream out = ArmoredOutputStream.builder().clearHeaders().build(armored)) {
                new PGPSecretKeyRing(keys).encode(out);
            }
            return armored.toByteArray();
        } catch (PGPException | IOException e) {
            throw new PgpException(PgpException.Code.KEY_EXPORT_FAILED, "cannot protect the secret key "
                    + fingerprint + " for export", e);
        }
    }

    private static PGPSecretKeyRing read(Secret unprotected) {
        byte[] data = unprotected.reveal().getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(data))) {
            return new PGPSecretKeyRing(in, new BcKeyFingerprintCalculator());
        } catch (IOException | PGPException | RuntimeException e) {
            throw new PgpException(PgpException.Code.KEY_EXPORT_FAILED, "the stored secret key is not an OpenPGP"
                    + " secret key (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    @Override
    public String toString() {
        return "PgpSecretKeyExport[AES-256, S2K iterated+salted SHA-256]";
    }
}
