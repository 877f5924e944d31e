package io.mailseal.it.host;

import io.mailseal.testkit.confluence.DemoUsers;
import com.atlassian.crowd.embedded.api.CrowdDirectoryService;
import com.atlassian.crowd.embedded.api.Directory;
import com.atlassian.crowd.embedded.api.DirectoryType;
import com.atlassian.crowd.embedded.api.OperationType;
import com.atlassian.crowd.exception.runtime.OperationFailedException;
import java.time.Clock;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        this.internal = new InternalDirectory(clock.millis());
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

    /** The internal directory; immutable. */
    private static final class InternalDirectory implements Directory {

        private static final long serialVersionUID = 1L;
        private final long created;

        InternalDirectory(long created) {
            this.created = created;
        }

        @Override
        public Long getId() {
            return DemoUsers.DIRECTORY_ID;
        }

        @Override
        public String getName() {
            return INTERNAL_DIRECTORY_NAME;
        }

        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        public String getEncryptionType() {
            return "atlassian-security";
        }

        @Override
        public Map<String, String> getAttributes() {
            return Map.of();
        }

        @Override
        public Set<OperationType> getAllowedOperations() {
            return EnumSet.allOf(OperationType.class);
        }

        @Override
        public String getDescription() {
            return "Confluence Internal Directory";
        }

        @Override
        public DirectoryType getType() {
            return DirectoryType.INTERNAL;
        }

        @Override
        public String getImplementationClass() {
            return "com.atlassian.crowd.directory.InternalDirectory";
        }

        @Override
        public Date getCreatedDate() {
            return new Date(created);
        }

        @Override
        public Date getUpdatedDate() {
            return new Date(created);
        }

        @Override
        public Set<String> getValues(String key) {
            return null;
        }

        @Override
        public String getValue(String key) {
            return null;
        }

        @Override
        public Set<String> getKeys() {
            return Set.of();
        }

        @Override
        public boolean isEmpty() {
            return true;
        }

        @Override
        public String toString() {
            return "Directory[id=" + getId() + ",name=" + getName() + ",type=" + getType() + ']';
        }
    }
}
