package com.atlassian.crowd.embedded.api;

import java.util.Set;

/**
 * Multi-valued string attributes (of a directory, user or group).
 *
 * <p>Signature: embedded-crowd-api 5.1.6, DF {@code
 * com.atlassian.crowd_embedded-crowd-api-5.1.6/com/atlassian/crowd/embedded/api/Attributes.java}; members checked there
 * (confluence-platform.md B.9 names the type only).
 */
public interface Attributes {

    /**
     * All values of an attribute.
     *
     * @param key the attribute name
     * @return the values, or null if there is no such attribute
     */
    Set<String> getValues(String key);

    /**
     * One value of an attribute.
     *
     * @param key the attribute name
     * @return a value, or null if there is no such attribute
     */
    String getValue(String key);

    /**
     * The attribute names.
     *
     * @return the names
     */
    Set<String> getKeys();

    /**
     * Whether there is no attribute.
     *
     * @return true if empty
     */
    boolean isEmpty();
}
