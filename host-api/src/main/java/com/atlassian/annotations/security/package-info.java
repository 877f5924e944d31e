/**
 * Compile-only declaration of atlassian-annotations security annotations (as shipped with Confluence 8.7.2 and
 * platform 7) used by Mailseal; provided by the host at runtime; never shipped. Import this package with
 * {@code resolution:=optional}: Confluence 8.x does not have
 * {@link com.atlassian.annotations.security.SystemAdminOnly}.
 */
package com.atlassian.annotations.security;
