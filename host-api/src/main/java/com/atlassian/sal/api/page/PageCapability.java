package com.atlassian.sal.api.page;

/**
 * A capability the page requesting a login URI needs from the login page (e.g. being shown in an iframe).
 *
 * <p>Signature: sal-api 5.1.4, DF
 * {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/page/PageCapability.java} (package
 * {@code com.atlassian.sal.api.page});
 * referenced by confluence-platform.md B.3.
 */
public enum PageCapability {
    /** The login page must work inside an iframe. */
    IFRAME
}
