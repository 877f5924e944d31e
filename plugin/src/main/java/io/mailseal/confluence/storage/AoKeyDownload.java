package io.mailseal.confluence.storage;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;
import net.java.ao.schema.Unique;

/**
 * One download of a managed key by its owner: table {@code AO_EDB82B_KEY_DOWNLOAD}. Read and written only by
 * {@link AoKeyDownloads}, inside a transaction. The unique {@link #getOnceSlot() slot} makes "once" atomic across
 * nodes: a first download takes {@code <TYPE>:<FINGERPRINT>}, an allowed repeat a slot with a random suffix.
 *
 * <p>Not thread-safe (an Active Objects proxy); never shared.
 */
@Table("KEY_DOWNLOAD")
public interface AoKeyDownload extends Entity {

    /** Column of {@link #getOnceSlot()}. */
    String ONCE_SLOT = "ONCE_SLOT";
    /** Column of {@link #getKeyType()}. */
    String KEY_TYPE = "KEY_TYPE";
    /** Column of {@link #getFingerprint()}. */
    String FINGERPRINT = "FINGERPRINT";
    /** Column of {@link #getUserKey()}. */
    String USER_KEY = "USER_KEY";
    /** Column of {@link #getEmail()}. */
    String EMAIL = "EMAIL";
    /** Column of {@link #getFileFormat()}. */
    String FILE_FORMAT = "FILE_FORMAT";
    /** Column of {@link #getDownloadedAt()}. */
    String DOWNLOADED_AT = "DOWNLOADED_AT";

    /** @return {@code <TYPE>:<FINGERPRINT>} for the first download, with {@code #<random>} for a repeat */
    @NotNull
    @Unique
    @StringLength(150)
    String getOnceSlot();

    /** @param onceSlot the slot */
    void setOnceSlot(String onceSlot);

    /** @return the key type's name ({@code SMIME}, {@code PGP}) */
    @NotNull
    @StringLength(16)
    String getKeyType();

    /** @param keyType the key type's name */
    void setKeyType(String keyType);

    /** @return the managed key's fingerprint */
    @NotNull
    @Indexed
    @StringLength(128)
    String getFingerprint();

    /** @param fingerprint the fingerprint */
    void setFingerprint(String fingerprint);

    /** @return the Confluence user key of the user who downloaded it */
    @NotNull
    @StringLength(255)
    String getUserKey();

    /** @param userKey the user key */
    void setUserKey(String userKey);

    /** @return the address the key is managed for */
    @NotNull
    @StringLength(255)
    String getEmail();

    /** @param email the address */
    void setEmail(String email);

    /** @return the file format, e.g. {@code pkcs12-modern} */
    @NotNull
    @StringLength(32)
    String getFileFormat();

    /** @param fileFormat the file format */
    void setFileFormat(String fileFormat);

    /** @return when, milliseconds since the epoch */
    @NotNull
    long getDownloadedAt();

    /** @param downloadedAt milliseconds since the epoch */
    void setDownloadedAt(long downloadedAt);
}
