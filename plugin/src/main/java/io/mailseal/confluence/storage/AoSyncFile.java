package io.mailseal.confluence.storage;

import net.java.ao.Entity;
import net.java.ao.Preload;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * An import file the USE sync has seen: table {@code AO_EDB82B_SYNC_FILE}. A row with a hash is a processed file
 * (name and content, so it is applied once); a row without one counts the cycles a file was seen incomplete. Read and
 * written only by {@link AoSyncStateStore}, which keeps each kind bounded.
 *
 * <p>Not thread-safe (an Active Objects proxy); never shared.
 */
@Table("SYNC_FILE")
@Preload
public interface AoSyncFile extends Entity {

    /** Column of {@link #getFileName()}. */
    String FILE_NAME = "FILE_NAME";
    /** Column of {@link #getSha256()}. */
    String SHA256 = "SHA256";
    /** Column of {@link #getCycles()}. */
    String CYCLES = "CYCLES";
    /** Column of {@link #getSeenAt()}. */
    String SEEN_AT = "SEEN_AT";

    /** @return the file's name on the share */
    @NotNull
    @Indexed
    @StringLength(255)
    String getFileName();

    /** @param fileName the file's name */
    void setFileName(String fileName);

    /** @return the processed content's SHA-256, lower-case hex; null for an incomplete file */
    @StringLength(64)
    String getSha256();

    /** @param sha256 the SHA-256, or null */
    void setSha256(String sha256);

    /** @return the cycles in a row the file was seen incomplete; 0 for a processed file */
    @NotNull
    int getCycles();

    /** @param cycles the cycles */
    void setCycles(int cycles);

    /** @return when it was processed or last seen incomplete, milliseconds since the epoch */
    @NotNull
    @Indexed
    long getSeenAt();

    /** @param seenAt milliseconds since the epoch */
    void setSeenAt(long seenAt);
}
