package com.atlassian.sal.api.user;

/**
 * The role a login page is asked to establish ({@code LoginUriProvider#getLoginUriForRole}).
 *
 * <p>Signature: sal-api 5.1.4, DF {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/user/UserRole.java}
 * (package {@code com.atlassian.sal.api.user});
 * referenced by confluence-platform.md B.3.
 */
public enum UserRole {
    /** Any logged-in user. */
    USER,
    /** An administrator. */
    ADMIN,
    /** A system administrator. */
    SYSADMIN
}
