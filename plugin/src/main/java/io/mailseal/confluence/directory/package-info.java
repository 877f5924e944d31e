/**
 * Confluence's user directories as a key source: the LDAP servers behind Crowd's LDAP ({@code CONNECTOR}) and
 * "internal with LDAP authentication" ({@code DELEGATING}) directories, read from their attributes
 * (confluence-platform.md B.9) and asked for S/MIME certificates by the engine's LDAP certificate source.
 *
 * <p>Adapters for Crowd's embedded API; the LDAP protocol lives in the engine.
 */
package io.mailseal.confluence.directory;
