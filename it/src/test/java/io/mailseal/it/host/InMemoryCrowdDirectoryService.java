package io.mailseal.it.host;

import io.mailseal.testkit.confluence.DemoUsers;
import io.mailseal.testkit.confluence.DirectoryView;
import com.atlassian.crowd.embedded.api.CrowdDirectoryService;
import com.atlassian.crowd.embedded.api.Directory;
import com.atlassian.crowd.embedded.api.DirectoryType;
import com.atlassian.crowd.embedded.api.OperationType;
import com.atlassian.crowd.exception.runtime.OperationFailedException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Crowd directory service with one directory: INTERNAL, id 1, "Confluence Internal Directory", active, no attributes.
 *
 * <p>Thread-safe: the directory is immutable.
 */
public final class InMemoryCrowdDirectoryService implements CrowdDirectoryService {

    /** The name of the one directory. */
    public static final String INTERNAL_DIRECTORY_NAME = "Confluence Internal Directory";

    private final Directory internal;

    /**
     * Creates the service.
     *
     * @param clock gives the directory's creation date
     */
    public InMemoryCrowdDirectoryService(Clock clock) {
        this.internal = new DirectoryView(DemoUsers.DIRECTORY_ID, INTERNAL_DIRECTORY_NAME, DirectoryType.INTERNAL,
                "com.atlassian.crowd.directory.InternalDirectory", INTERNAL_DIRECTORY_NAME, "atlassian-security",
                Map.of(), EnumSet.allOf(OperationType.class), clock.millis());
    }

    @Override
    public Directory findDirectoryByName(String name) {
        return internal.getName().equalsIgnoreCase(name) ? internal : null;
    }

    @Override
    public void testConnection(Directory directory) throws OperationFailedException {
        if (directory == null || !internal.getId().equals(directory.getId())) {
            throw new OperationFailedException("no such directory: " + directory);
        }
    }

    @Override
    public List<Directory> findAllDirectories() {
        return List.of(internal);
    }

    @Override
    public Directory findDirectoryById(long directoryId) {
        return internal.getId() == directoryId ? internal : null;
    }
}
