/**
 * Mailseal's named test identities: committed S/MIME certificates and OpenPGP keys (alice, bob, carol,
 * dave-expired, ...) made by OpenSSL and GnuPG, with the script that regenerates them, read from the class path
 * through {@link io.mailseal.testkit.identities.TestIdentities}.
 *
 * <p>The resources live in this package's resource directory; its {@code README.md} lists every identity, what is
 * special about it and which rejection reason it exercises. Fingerprints change when the fixtures are regenerated,
 * so tests read them from {@code identities.properties} and never hard-code them.
 */
package io.mailseal.testkit.identities;
