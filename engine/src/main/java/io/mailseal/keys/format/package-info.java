/**
 * Readers for the key and certificate formats admins, directories and users hand us: PKCS#7 certs-only ({@code .p7b},
 * DER or PEM), single X.509 certificates (DER, PEM, bare base64), Bouncy Castle BKS key stores; OpenPGP binary
 * keyrings, ASCII-armored files with any number of blocks, and GnuPG keyboxes ({@code .kbx}).
 *
 * <p>Formats are recognised from the content, never from a file name. Readers return what they could read and every
 * problem in plain words; they throw only for programmer errors. May depend on Bouncy Castle (through the provider
 * instance of {@link io.mailseal.crypto.CryptoRuntime} or its lightweight API); never on {@code com.atlassian}.
 */
package io.mailseal.keys.format;
