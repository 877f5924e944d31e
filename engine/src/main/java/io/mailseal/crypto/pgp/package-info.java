/**
 * PGP/MIME (RFC 3156): encrypting a MIME entity to OpenPGP recipients ({@code multipart/encrypted}), signing it
 * ({@code multipart/signed} with a detached signature) and both (an encrypted {@code multipart/signed}); and making
 * v4 keys for the USE sync ({@link io.mailseal.crypto.pgp.PgpKeyGenerator}) and protecting a managed secret key with
 * a user's passphrase for download ({@link io.mailseal.crypto.pgp.PgpSecretKeyExport}).
 *
 * <p>The unit of work is a MIME entity in canonical form (header fields, CRLF CRLF, body, CRLF line ends); the
 * outbound layer wraps the entity written here into the final message with the routing headers. Messages are v4
 * OpenPGP: PKESK v3, SEIPD v1 with MDC, no compression, no AEAD (GnuPG 2.2 reads nothing newer); everything streams.
 *
 * <p>Bouncy Castle only through its lightweight API or the private provider object of
 * {@link io.mailseal.crypto.CryptoRuntime}; bulk AES runs on the JDK's own provider. May depend on Bouncy Castle and
 * {@code io.mailseal.keys}; never on {@code com.atlassian}.
 */
package io.mailseal.crypto.pgp;
