package com.atlassian.crowd.embedded.api;

/**
 * An operation a directory may allow (create, update, delete of users, groups, roles and their attributes).
 *
 * <p>Signature: embedded-crowd-api 5.1.6, DF {@code
 * com.atlassian.crowd_embedded-crowd-api-5.1.6/com/atlassian/crowd/embedded/api/OperationType.java}; constants checked
 * there
 * (confluence-platform.md B.9 names the type only). Omitted: {@code getName()} and {@code fromName(String)}.
 */
public enum OperationType {
    /** Create users. */
    CREATE_USER,
    /** Create groups. */
    CREATE_GROUP,
    /** Create roles. */
    CREATE_ROLE,
    /** Update users. */
    UPDATE_USER,
    /** Update groups. */
    UPDATE_GROUP,
    /** Update roles. */
    UPDATE_ROLE,
    /** Update user attributes. */
    UPDATE_USER_ATTRIBUTE,
    /** Update group attributes. */
    UPDATE_GROUP_ATTRIBUTE,
    /** Update role attributes. */
    UPDATE_ROLE_ATTRIBUTE,
    /** Delete users. */
    DELETE_USER,
    /** Delete groups. */
    DELETE_GROUP,
    /** Delete roles. */
    DELETE_ROLE
}
