package com.atlassian.crowd.embedded.api;

import java.io.Serializable;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * A configured user directory (internal, LDAP, delegating, ...) with its settings as attributes.
 *
 * <p>Signature: embedded-crowd-api 5.1.6, DF
 * {@code com.atlassian.crowd_embedded-crowd-api-5.1.6/com/atlassian/crowd/embedded/api/Directory.java}, per
 * confluence-platform.md B.9.
 * Omitted: the default method {@code isPersistable()}.
 */
public interface Directory extends Serializable, Attributes {

    /**
     * The directory's id.
     *
     * @return the id
     */
    Long getId();

    /**
     * The directory's name.
     *
     * @return the name
     */
    String getName();

    /**
     * Whether the directory is active.
     *
     * @return true if active
     */
    boolean isActive();

    /**
     * The password encryption of an internal directory.
     *
     * @return the encryption type, or null
     */
    String getEncryptionType();

    /**
     * The settings (e.g. {@code ldap.url}, {@code ldap.userdn}).
     *
     * @return attribute value by name
     */
    Map<String, String> getAttributes();

    /**
     * The operations the directory allows.
     *
     * @return the operations
     */
    Set<OperationType> getAllowedOperations();

    /**
     * The description.
     *
     * @return the description
     */
    String getDescription();

    /**
     * The kind of directory.
     *
     * @return the type
     */
    DirectoryType getType();

    /**
     * The implementation class name (e.g. {@code com.atlassian.crowd.directory.OpenLDAP}).
     *
     * @return the class name
     */
    String getImplementationClass();

    /**
     * When the directory was created.
     *
     * @return the date
     */
    Date getCreatedDate();

    /**
     * When the directory was last updated.
     *
     * @return the date
     */
    Date getUpdatedDate();
}
