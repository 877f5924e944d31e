/**
 * The built-in certificate authority in Confluence: the issuing CA sealed in Bandana, the archive in Active Objects,
 * the CRL published at {@code /plugins/servlet/mailseal/crl}, and the {@link io.mailseal.ca.BuiltInCertificateAuthority}
 * the USE sync issues and revokes through.
 */
package io.mailseal.confluence.ca;
