package io.mailseal.confluence.storage;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts each secret setting for storage: AES-256-GCM on the JDK's own provider, with the key of a
 * {@link HomeKeyFile}, a random 96-bit IV per value and the setting's dotted name as additional authenticated data,
 * so a value only decrypts in the place it was written for. The stored form is {@code enc:v1:} and the base64 of
 * key id (4 bytes), IV (12 bytes) and ciphertext with its 128-bit tag.
 *
 * <p>Opening never throws: a value that is not encrypted, damaged, changed, moved to another setting, encrypted with
 * another key, or whose key file is missing gives a problem naming the setting and saying which; no problem, message
 * or {@link #toString()} ever contains the secret or the key. Sealing creates the key file on first use.
 *
 * <p>Thread-safe: each call uses its own {@link Cipher}.
 */
public final class SecretBox implements SecretCodec {

    /** The prefix of an encrypted value, with its format version. */
    public static final String PREFIX = "enc:v1:";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final HomeKeyFile keyFile;
    private final SecureRandom random;
    private final Provider provider;

    /**
     * Creates the box.
     *
     * @param keyFile where the key is
     * @param crypto  the plugin's crypto runtime: its randomness draws the IVs
     * @throws IllegalStateException if this JVM's own providers offer no AES-GCM
     */
    public SecretBox(HomeKeyFile keyFile, CryptoRuntime crypto) {
        this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
        this.random = Objects.requireNonNull(crypto, "crypto").random();
        this.provider = CryptoRuntime.jdkProvider(TRANSFORMATION)
                .orElseThrow(() -> new IllegalStateException("this JVM's own providers offer no " + TRANSFORMATION));
    }

    /**
     * Encrypts a secret for one setting.
     *
     * @param field  the setting's dotted name, e.g. {@code smime.externalLdap.password}
     * @param secret the secret; not empty
     * @return {@code enc:v1:...}
     * @throws KeyFileException if the key file cannot be read or created
     */
    @Override
    public String seal(String field, Secret secret) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(secret, "secret");
        HomeKeyFile.Key key = keyFile.findOrCreate();
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] plaintext = secret.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION, provider);
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            byte[] id = HexFormat.of().parseHex(key.id());
            ByteBuffer blob = ByteBuffer.allocate(id.length + IV_BYTES + ciphertext.length);
            blob.put(id).put(iv).put(ciphertext);
            return PREFIX + Base64.getEncoder().encodeToString(blob.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed on the JDK provider " + provider.getName(), e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Decrypts a stored secret of one setting.
     *
     * @param field  the setting's dotted name it was sealed for
     * @param stored the stored text
     * @return the secret, or a problem naming the field and the reason
     */
    @Override
    public Checked<Secret> open(String field, String stored) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(stored, "stored");
        if (!stored.startsWith(PREFIX)) {
            return Checked.invalid(field, "is stored unencrypted (expected " + PREFIX + "...); enter it again");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Checked.invalid(field, "is damaged: the stored value is not base64");
        }
        int minimum = HomeKeyFile.Key.ID_BYTES + IV_BYTES + TAG_BITS / 8;
        if (blob.length < minimum) {
            return Checked.invalid(field, "is damaged: the stored value is too short");
        }
        Optional<HomeKeyFile.Key> found;
        try {
            found = keyFile.find();
        } catch (KeyFileException e) {
            return Checked.invalid(field, "cannot be decrypted: " + e.getMessage());
        }
        if (found.isEmpty()) {
            return Checked.invalid(field, "cannot be decrypted: the key file " + keyFile.path()
                    + " does not exist; restore it from a backup, or enter the secret again");
        }
        HomeKeyFile.Key key = found.get();
        String id = HexFormat.of().formatHex(blob, 0, HomeKeyFile.Key.ID_BYTES);
        if (!id.equals(key.id())) {
            return Checked.invalid(field, "was encrypted with another key (key id " + id + ") than the one in "
                    + keyFile.path() + " (key id " + key.id() + "); restore that key file, or enter the secret again");
        }
        byte[] plaintext = null;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION, provider);
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(),
                    new GCMParameterSpec(TAG_BITS, blob, HomeKeyFile.Key.ID_BYTES, IV_BYTES));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            int offset = HomeKeyFile.Key.ID_BYTES + IV_BYTES;
            plaintext = cipher.doFinal(blob, offset, blob.length - offset);
            return new Checked.Valid<>(Secret.of(new String(plaintext, StandardCharsets.UTF_8)));
        } catch (AEADBadTagException e) {
            return Checked.invalid(field, "failed its integrity check: the stored value was changed, or was"
                    + " written for another setting");
        } catch (GeneralSecurityException e) {
            return Checked.invalid(field, "cannot be decrypted: " + e.getClass().getSimpleName());
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM, " + keyFile + "]";
    }
}
