package io.mailseal.store;

import io.mailseal.keys.KeyType;
import java.util.List;
import java.util.Objects;

/**
 * The record of managed keys users downloaded from their profile page, so a key can be handed out only once unless
 * the admin allows repeated downloads.
 *
 * <p>{@link #record} is the only way in, and it decides "once" atomically: with {@code repeatAllowed} false, of two
 * concurrent first downloads of the same key (on any node) exactly one is recorded, the other gets
 * {@link Recorded.AlreadyDownloaded}. A key is identified by its type and fingerprint.
 *
 * <p>Implementations are thread-safe. One that cannot reach its storage throws an unchecked exception.
 */
public interface KeyDownloads {

    /**
     * Records a download, unless the key was downloaded before and repeats are not allowed.
     *
     * @param download      the download; not null
     * @param repeatAllowed whether a key that was downloaded before may be downloaded again
     * @return whether it was recorded (then the file may be handed out), or the earlier download that stops it
     */
    Recorded record(KeyDownload download, boolean repeatAllowed);

    /**
     * Every recorded download of a key.
     *
     * @param type        S/MIME or PGP; not null
     * @param fingerprint the key's fingerprint; not null
     * @return the downloads, oldest first; empty if the key was never downloaded
     */
    List<KeyDownload> downloadsOf(KeyType type, String fingerprint);

    /** The outcome of {@link #record}: immutable values. */
    sealed interface Recorded {

        /**
         * The download was recorded.
         *
         * @param download the download
         */
        record Done(KeyDownload download) implements Recorded {

            /** Validates. */
            public Done {
                Objects.requireNonNull(download, "download");
            }
        }

        /**
         * Nothing was recorded: the key was downloaded before and repeats are not allowed.
         *
         * @param first the first download of the key
         */
        record AlreadyDownloaded(KeyDownload first) implements Recorded {

            /** Validates. */
            public AlreadyDownloaded {
                Objects.requireNonNull(first, "first");
            }
        }
    }
}
