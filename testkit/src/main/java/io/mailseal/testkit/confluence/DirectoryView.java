package io.mailseal.testkit.confluence;

import com.atlassian.crowd.embedded.api.Directory;
import com.atlassian.crowd.embedded.api.DirectoryType;
import com.atlassian.crowd.embedded.api.OperationType;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Crowd user directory as a host describes it to apps: id, name, type, implementation, and the settings
 * Confluence keeps for it as attributes (for an LDAP connector {@code ldap.url}, {@code ldap.userdn},
 * {@code ldap.password}, ...). Active; created and last updated at the same instant.
 *
 * <p>Immutable, so thread-safe. {@link #toString()} never shows the attributes (they may hold a password).
 *
 * @param id                  the directory id
 * @param name                its name
 * @param type                its type
 * @param implementationClass Crowd's implementation class name (e.g. {@code com.atlassian.crowd.directory.OpenLDAP})
 * @param description         a description
 * @param encryptionType      how it stores passwords
 * @param attributes          its settings
 * @param allowedOperations   what apps may change in it
 * @param createdMillis       when it was created, in epoch milliseconds
 */
public record DirectoryView(long id, String name, DirectoryType type, String implementationClass,
                            String description, String encryptionType, Map<String, String> attributes,
                            Set<OperationType> allowedOperations, long createdMillis) implements Directory {

    private static final long serialVersionUID = 1L;

    /** Checks the components and copies the collections. */
    public DirectoryView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(implementationClass, "implementationClass");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(encryptionType, "encryptionType");
        attributes = Map.copyOf(attributes);
        allowedOperations = Set.copyOf(allowedOperations);
    }

    @Override
    public Long getId() {
        return id;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    public String getEncryptionType() {
        return encryptionType;
    }

    @Override
    public Map<String, String> getAttributes() {
        return attributes;
    }

    @Override
    public Set<OperationType> getAllowedOperations() {
        return allowedOperations;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public DirectoryType getType() {
        return type;
    }

    @Override
    public String getImplementationClass() {
        return implementationClass;
    }

    @Override
    public Date getCreatedDate() {
        return new Date(createdMillis);
    }

    @Override
    public Date getUpdatedDate() {
        return new Date(createdMillis);
    }

    @Override
    public Set<String> getValues(String key) {
        String value = attributes.get(key);
        return value == null ? null : Set.of(value);
    }

    @Override
    public String getValue(String key) {
        return attributes.get(key);
    }

    @Override
    public Set<String> getKeys() {
        return new TreeSet<>(attributes.keySet());
    }

    @Override
    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    /** Names the directory and, for a connector, its URL; never the other attributes. */
    @Override
    public String toString() {
        String url = attributes.get("ldap.url");
        return "Directory[id=" + id + ",name=" + name + ",type=" + type + (url == null ? "" : ",url=" + url) + ']';
    }
}
