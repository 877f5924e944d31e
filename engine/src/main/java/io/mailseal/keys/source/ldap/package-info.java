/**
 * Key sources over LDAP, on the UnboundID LDAP SDK (not JNDI): S/MIME certificates from an LDAP directory or Active
 * Directory ({@link io.mailseal.keys.source.ldap.LdapCertificateSource}, for both the user directory and an external
 * server), OpenPGP keys from an LDAP key server in the PGP Universal / GnuPG layout
 * ({@link io.mailseal.keys.source.ldap.LdapPgpKeySource}), and the settings they share
 * ({@link io.mailseal.keys.source.ldap.LdapServerSettings}).
 *
 * <p>Every network call has a connect or response timeout and every answer a size cap; addresses go into filters only
 * through the SDK's RFC 4515 escaping; referrals are followed (if at all) by this package, never by the SDK, and only
 * to allowed hosts. Expected outcomes (no entry, garbage values, a server that is down or refuses the bind) are
 * {@link io.mailseal.keys.SourceResponse}s whose messages name the server ({@code ldap://host:port}) and DNs, never a
 * password.
 *
 * <p>May depend on the UnboundID LDAP SDK, the JDK, {@code io.mailseal.keys} with its {@code format} and
 * {@code select} packages, {@code io.mailseal.crypto}, {@code io.mailseal.settings} and Bouncy Castle's key types.
 * Never on {@code com.atlassian}.
 */
package io.mailseal.keys.source.ldap;
