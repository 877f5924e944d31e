/**
 * The sandbox's demo content: the users in the in-process LDAP directory (alice's S/MIME certificate on her entry),
 * an HKP key server with bob's PGP key, a key store file with carol's certificate, the first Mailseal settings that
 * point at them, an SFTP share with example import files for the USE sync, and the "Pages" screen whose page edits
 * send Confluence-style notifications to the page's watchers through the host's mail server, that is, through
 * Mailseal's mail hook.
 *
 * <p>May depend on the testkit (identities, in-process LDAP), Apache MINA SSHD (the SFTP share), the host services,
 * the mail and web packages, and the host API. Every public type states its thread-safety.
 */
package io.mailseal.sandbox.demo;
