package io.mailseal.confluence.storage;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * A key a user uploaded: table {@code AO_EDB82B_USER_KEY}. Read and written only by {@link AoUserKeyStore}, inside a
 * transaction, and copied into engine records before anything leaves the store.
 *
 * <p>Not thread-safe (an Active Objects proxy); never shared.
 */
@Table("USER_KEY")
@Preload
public interface AoUserKey extends Entity {

    /** Column of {@link #getUserKey()}. */
    String USER_KEY = "USER_KEY";
    /** Column of {@link #getEmail()}. */
    String EMAIL = "EMAIL";
    /** Column of {@link #getEmailLower()}. */
    String EMAIL_LOWER = "EMAIL_LOWER";
    /** Column of {@link #getKeyType()}. */
    String KEY_TYPE = "KEY_TYPE";
    /** Column of {@link #getKeyData()}. */
    String KEY_DATA = "KEY_DATA";
    /** Column of {@link #getUploadedAt()}. */
    String UPLOADED_AT = "UPLOADED_AT";

    /**
     * The owner: the Confluence user key of the user who uploaded it.
     *
     * @return the user key
     */
    @NotNull
    @Indexed
    @StringLength(255)
    String getUserKey();

    /**
     * Sets the owner.
     *
     * @param userKey the user key
     */
    void setUserKey(String userKey);

    /**
     * The address the key is for, as the user wrote it.
     *
     * @return the address
     */
    @NotNull
    @StringLength(255)
    String getEmail();

    /**
     * Sets the address.
     *
     * @param email the address
     */
    void setEmail(String email);

    /**
     * The address lower-cased, which lookups search.
     *
     * @return the lower-cased address
     */
    @NotNull
    @Indexed
    @StringLength(255)
    String getEmailLower();

    /**
     * Sets the lower-cased address.
     *
     * @param emailLower the lower-cased address
     */
    void setEmailLower(String emailLower);

    /**
     * {@code SMIME} or {@code PGP}.
     *
     * @return the key type's name
     */
    @NotNull
    @StringLength(16)
    String getKeyType();

    /**
     * Sets the key type.
     *
     * @param keyType the key type's name
     */
    void setKeyType(String keyType);

    /**
     * The uploaded file, base64.
     *
     * @return the file in base64
     */
    @NotNull
    @StringLength(StringLength.UNLIMITED)
    String getKeyData();

    /**
     * Sets the uploaded file.
     *
     * @param keyData the file in base64
     */
    void setKeyData(String keyData);

    /**
     * When it was uploaded, in milliseconds since the epoch.
     *
     * @return the upload time
     */
    @NotNull
    long getUploadedAt();

    /**
     * Sets the upload time.
     *
     * @param uploadedAt milliseconds since the epoch
     */
    void setUploadedAt(long uploadedAt);
}
