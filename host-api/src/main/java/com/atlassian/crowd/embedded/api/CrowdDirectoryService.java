package com.atlassian.crowd.embedded.api;

import com.atlassian.crowd.exception.runtime.OperationFailedException;
import java.util.List;

/**
 * Reads and tests the host's configured user directories.
 *
 * <p>Signature: embedded-crowd-api 5.1.6, DF
 * {@code com.atlassian.crowd_embedded-crowd-api-5.1.6/com/atlassian/crowd/embedded/api/CrowdDirectoryService.java}, per
 * confluence-platform.md B.9. Declared: {@link #findDirectoryById(long)}, {@link #findAllDirectories()},
 * {@link #findDirectoryByName(String)}, {@link #testConnection(Directory)}.
 */
public interface CrowdDirectoryService {

    /**
     * A directory by name.
     *
     * @param name the name
     * @return the directory, or null
     */
    Directory findDirectoryByName(String name);

    /**
     * Tries to connect to a directory.
     *
     * @param directory the directory
     * @throws OperationFailedException if the connection fails
     */
    void testConnection(Directory directory) throws OperationFailedException;

    /**
     * All directories, in order.
     *
     * @return the directories
     */
    List<Directory> findAllDirectories();

    /**
     * A directory by id.
     *
     * @param directoryId the id
     * @return the directory
     */
    Directory findDirectoryById(long directoryId);
}
