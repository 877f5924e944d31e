package com.atlassian.crowd.embedded.api;

/**
 * The kind of a user directory; LDAP is {@link #CONNECTOR}, "internal with LDAP authentication" is
 * {@link #DELEGATING}.
 *
 * <p>Signature: embedded-crowd-api 5.1.6, DF
 * {@code com.atlassian.crowd_embedded-crowd-api-5.1.6/com/atlassian/crowd/embedded/api/DirectoryType.java}, per
 * confluence-platform.md B.9.
 */
public enum DirectoryType {
    /** Unknown. */
    UNKNOWN,
    /** The internal directory. */
    INTERNAL,
    /** An LDAP directory. */
    CONNECTOR,
    /** A custom directory. */
    CUSTOM,
    /** Internal with LDAP authentication. */
    DELEGATING,
    /** A remote Crowd server. */
    CROWD,
    /** Azure Active Directory. */
    AZURE_AD
}
