package com.atlassian.annotations.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a servlet, filter, REST resource or method that only system administrators may reach (Confluence 9.0+
 * secure endpoint defaults; ignored by 8.x).
 *
 * <p>Signature: atlassian-annotations (platform 7,
 * https://developer.atlassian.com/platform/marketplace/dc-apps-platform-7-preparing-for-secure-endpoints); package
 * confirmed by public use ({@code net.bull.javamelody.JiraReportFilter} imports
 * {@code com.atlassian.annotations.security.SystemAdminOnly} and annotates a class); per confluence-platform.md C.4.
 * Retention {@code RUNTIME} and targets {@code TYPE, METHOD} are inferred: Confluence 8.7.2's internal
 * {@code com.atlassian.confluence.impl.security.SystemAdminOnly} is {@code RUNTIME} with
 * {@code TYPE, METHOD, PACKAGE} (javadoc 8.7.2); {@code PACKAGE} is left out until the platform 7 declaration is
 * checked.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SystemAdminOnly {
}
