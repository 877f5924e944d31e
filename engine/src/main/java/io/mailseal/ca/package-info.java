/**
 * The certificate authority behind managed S/MIME certificates: the {@link io.mailseal.ca.CertificateAuthority} port
 * (issue, revoke, list live certificates; expected outcomes are results with reasons), the built-in issuing CA
 * ({@link io.mailseal.ca.BuiltInCertificateAuthority}: an uploaded or Mailseal-created private CA, mailbox
 * certificates per {@code docs/ca.md}, a CRL kept current), the {@link io.mailseal.ca.CertificateArchive} port where
 * every issued certificate and its sealed private key are kept and creations are counted per month, the PKCS#12
 * export for users and admins, and the PKCS#10 seam for external CAs ({@link io.mailseal.ca.SigningRequests}).
 *
 * <p>Key pairs come from the JDK's {@code KeyPairGenerator}; certificates, CRLs, CSRs and PKCS#12 files are built with
 * Bouncy Castle's PKIX API and the private provider instance of {@link io.mailseal.crypto.CryptoRuntime}. This package
 * never registers or names a JCA provider. Private keys are sealed through {@link io.mailseal.settings.SecretCodec}
 * before they reach the archive: the engine never knows how.
 *
 * <p>May depend on {@code io.mailseal.crypto} (and {@code crypto.smime} to read PKCS#12 files),
 * {@code io.mailseal.keys} (addresses), {@code io.mailseal.settings} (secrets), Bouncy Castle (bcprov, bcutil,
 * bcpkix) and the JDK; never on {@code com.atlassian}, never on {@code io.mailseal.use} (the sync calls this
 * package, not the other way round).
 */
package io.mailseal.ca;
