package io.mailseal.use.sftp;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * An open session with the {@link ImportShare}. Not thread-safe; close it when done.
 */
public interface ShareSession extends AutoCloseable {

    /**
     * The regular files of a directory, by name.
     *
     * @param directory the directory
     * @return the files, or why they could not be listed
     */
    ShareResult<List<ShareFile>> list(String directory);

    /**
     * A file's bytes.
     *
     * @param directory the directory
     * @param name      the file name
     * @return the bytes, or why they could not be read
     */
    ShareResult<byte[]> read(String directory, String name);

    /**
     * Deletes a file.
     *
     * @param directory the directory
     * @param name      the file name
     * @return done, or why not
     */
    ShareResult<Void> delete(String directory, String name);

    /**
     * Writes a file whole (a reader never sees half of it).
     *
     * @param directory the directory
     * @param name      the file name
     * @param bytes     the content
     * @return done, or why not
     */
    ShareResult<Void> upload(String directory, String name, byte[] bytes);

    /**
     * Deletes the files of a directory older than the retention.
     *
     * @param directory the directory
     * @param retention how long files are kept
     * @param clock     the time source
     * @return the names deleted, or why the directory could not be listed
     */
    ShareResult<List<String>> purgeOlderThan(String directory, Duration retention, Clock clock);

    /** Ends the session. */
    @Override
    void close();
}
