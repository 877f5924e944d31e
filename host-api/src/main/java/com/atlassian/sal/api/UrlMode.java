package com.atlassian.sal.api;

/**
 * How {@link ApplicationProperties#getBaseUrl(UrlMode)} builds the base URL (canonical, absolute or relative).
 *
 * <p>Signature: sal-api 5.1.4, DF {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/UrlMode.java}; constants
 * as there, per
 * confluence-platform.md B.3.
 */
public enum UrlMode {
    /** The configured base URL. */
    CANONICAL,
    /** An absolute URL, taken from the current request if there is one. */
    ABSOLUTE,
    /** A URL relative to the server root, taken from the current request if there is one. */
    RELATIVE,
    /** The path of the configured base URL. */
    RELATIVE_CANONICAL,
    /** Relative inside a request, canonical otherwise. */
    AUTO
}
