/**
 * Cryptography: the private Bouncy Castle runtime here; S/MIME encryption and signing in {@code smime}; PGP/MIME
 * encryption and signing in {@code pgp}.
 *
 * <p>Bouncy Castle is used only through a provider <em>instance</em> owned by {@link io.mailseal.crypto.CryptoRuntime}
 * or through its lightweight API: the host (Confluence) registers its own "BC" provider globally, so this package
 * never registers a provider with the JDK and never looks one up by name. Bulk AES runs on the JDK's own provider, fed in
 * pieces of at most 16 KB. May depend on Bouncy Castle and the {@code javax.mail} API; never on {@code com.atlassian}.
 */
package io.mailseal.crypto;
