package com.atlassian.annotations.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a servlet, filter, REST resource or method that only users with a product license may reach (Confluence 9.0+
 * secure endpoint defaults; ignored by 8.x).
 *
 * <p>Signature: atlassian-annotations (platform 7,
 * https://developer.atlassian.com/platform/marketplace/dc-apps-platform-7-preparing-for-secure-endpoints: "LicensedOnly
 * permits resource access only to users assigned a product license"); package confirmed by public use (Jira DC
 * plugins import {@code com.atlassian.annotations.security.LicensedOnly} and annotate resource classes). Retention
 * {@code RUNTIME} and targets {@code TYPE, METHOD} are inferred as for {@link SystemAdminOnly}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LicensedOnly {
}
