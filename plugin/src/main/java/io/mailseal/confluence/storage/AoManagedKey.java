package io.mailseal.confluence.storage;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * A key the USE sync manages for an address: table {@code AO_EDB82B_MANAGED_KEY}. Read and written only by
 * {@link AoManagedKeyStore}, inside a transaction, and copied into engine records before anything leaves the store.
 * The key material is not preloaded, so listing statuses reads only the small columns.
 *
 * <p>Not thread-safe (an Active Objects proxy); never shared.
 */
@Table("MANAGED_KEY")
public interface AoManagedKey extends Entity {

    /** Column of {@link #getFingerprint()}. */
    String FINGERPRINT = "FINGERPRINT";
    /** Column of {@link #getEmail()}. */
    String EMAIL = "EMAIL";
    /** Column of {@link #getEmailLower()}. */
    String EMAIL_LOWER = "EMAIL_LOWER";
    /** Column of {@link #getKeyType()}. */
    String KEY_TYPE = "KEY_TYPE";
    /** Column of {@link #getOrigin()}. */
    String ORIGIN = "ORIGIN";
    /** Column of {@link #getCreatedAt()}. */
    String CREATED_AT = "CREATED_AT";
    /** Column of {@link #getExpiresAt()}. */
    String EXPIRES_AT = "EXPIRES_AT";
    /** Column of {@link #isRevoked()}. */
    String REVOKED = "REVOKED";
    /** Column of {@link #isHasSecret()}. */
    String HAS_SECRET = "HAS_SECRET";
    /** Column of {@link #getPublicKey()}. */
    String PUBLIC_KEY = "PUBLIC_KEY";
    /** Column of {@link #getSealedSecret()}. */
    String SEALED_SECRET = "SEALED_SECRET";

    /** @return the fingerprint, upper-case hex */
    @NotNull
    @Indexed
    @StringLength(128)
    String getFingerprint();

    /** @param fingerprint the fingerprint */
    void setFingerprint(String fingerprint);

    /** @return the address as the key carries it */
    @NotNull
    @StringLength(255)
    String getEmail();

    /** @param email the address */
    void setEmail(String email);

    /** @return the address lower-cased, which lookups search */
    @NotNull
    @Indexed
    @StringLength(255)
    String getEmailLower();

    /** @param emailLower the lower-cased address */
    void setEmailLower(String emailLower);

    /** @return {@code SMIME} or {@code PGP} */
    @NotNull
    @Indexed
    @StringLength(16)
    String getKeyType();

    /** @param keyType the key type's name */
    void setKeyType(String keyType);

    /** @return {@code GENERATED} or {@code IMPORTED} */
    @NotNull
    @StringLength(16)
    String getOrigin();

    /** @param origin the origin's name */
    void setOrigin(String origin);

    /** @return when the key was created, milliseconds since the epoch */
    @NotNull
    long getCreatedAt();

    /** @param createdAt milliseconds since the epoch */
    void setCreatedAt(long createdAt);

    /** @return when it expires, milliseconds since the epoch; null: never */
    Long getExpiresAt();

    /** @param expiresAt milliseconds since the epoch, or null */
    void setExpiresAt(Long expiresAt);

    /** @return whether the key is revoked */
    @NotNull
    boolean isRevoked();

    /** @param revoked whether the key is revoked */
    void setRevoked(boolean revoked);

    /** @return whether a sealed secret part is kept */
    @NotNull
    boolean isHasSecret();

    /** @param hasSecret whether a sealed secret part is kept */
    void setHasSecret(boolean hasSecret);

    /** @return the public part, base64 */
    @NotNull
    @StringLength(StringLength.UNLIMITED)
    String getPublicKey();

    /** @param publicKey the public part, base64 */
    void setPublicKey(String publicKey);

    /** @return the sealed secret part as the engine sealed it; null for a public key only */
    @StringLength(StringLength.UNLIMITED)
    String getSealedSecret();

    /** @param sealedSecret the sealed secret part, or null */
    void setSealedSecret(String sealedSecret);
}
