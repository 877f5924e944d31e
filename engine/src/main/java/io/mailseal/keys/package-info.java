/**
 * Recipient keys: the model (addresses, S/MIME certificates and OpenPGP keys, rejections with typed reasons), the
 * {@link io.mailseal.keys.KeySource} port every key source implements, and, later, the directory that asks the
 * sources in order, caches and explains.
 *
 * <p>Expected outcomes (no key, a rejected key, a server that does not answer) are values, never exceptions. May
 * depend on Bouncy Castle for key types; never on {@code com.atlassian}.
 */
package io.mailseal.keys;
