/**
 * LDAP servers for tests:
 * <ul>
 *   <li>{@link io.mailseal.testkit.ldap.InMemoryLdapServer}, a JUnit 5 extension around UnboundID's in-memory directory
 *       server on 127.0.0.1 with the inetOrgPerson and GnuPG key server schemas, and helpers to add people,
 *       certificates, referrals and PGP key entries (optionally over LDAPS);</li>
 *   <li>{@link io.mailseal.testkit.ldap.Slapd}, which runs Debian's real OpenLDAP slapd with a private configuration on
 *       a free loopback port, for integration tests;</li>
 *   <li>{@link io.mailseal.testkit.ldap.SambaAd}, a Samba Active Directory domain controller provisioned into a test
 *       directory (standard ports on loopback, root only), for integration tests.</li>
 * </ul>
 *
 * <p>The GnuPG key server schema is vendored next to these classes ({@code gnupg-ldap-schema.ldif}, in the subschema
 * form UnboundID reads; {@code Slapd} converts it to slapd's {@code cn=config} form) together with a test-only
 * {@code pgpKeyV2} schema.
 *
 * <p>May depend on the UnboundID LDAP SDK, JUnit Jupiter's extension API, Bouncy Castle's OpenPGP types and the
 * engine. Test code only: never shipped in the plugin.
 */
package io.mailseal.testkit.ldap;
