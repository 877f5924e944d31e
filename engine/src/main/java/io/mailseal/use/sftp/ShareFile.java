package io.mailseal.use.sftp;

import java.time.Instant;
import java.util.Objects;

/**
 * A regular file in a directory of the share.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name     the file name, without directory
 * @param size     its size in bytes
 * @param modified when it was last written, as the server reports it (seconds)
 */
public record ShareFile(String name, long size, Instant modified) {

    /** Validates. */
    public ShareFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modified, "modified");
    }
}
