/**
 * S/MIME (RFC 8551) for outgoing mail: encrypting a MIME entity per recipient into CMS EnvelopedData
 * (AES-256-CBC, default) or AuthEnvelopedData (AES-256-GCM, opt-in) with RSA PKCS#1 v1.5 / RSA-OAEP key transport or
 * ECDH P-256/P-384 key agreement, and signing an entity detached ({@code multipart/signed}) or opaque.
 *
 * <p>The unit of work is one MIME entity in canonical form: header fields, CRLF CRLF, body, CRLF line ends. Every
 * operation streams: entities of tens of megabytes are never held in memory. Bulk AES runs on the JDK's own provider
 * (found as an object, never by name), fed in pieces of at most 16 KB; everything else uses the private Bouncy Castle
 * provider of {@link io.mailseal.crypto.CryptoRuntime}. This package never registers or names a JCA provider.
 *
 * <p>May depend on {@code io.mailseal.crypto}, Bouncy Castle (bcprov, bcutil, bcpkix) and the JDK; not on
 * {@code javax.mail}, never on {@code com.atlassian}.
 */
package io.mailseal.crypto.smime;
