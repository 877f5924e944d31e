/**
 * Which of the keys found for an address may be used, and which is best: the S/MIME certificate rules of RFC 8550
 * and RFC 8551 and the OpenPGP key rules of RFC 9580 as GnuPG applies them. Every rejection names its reason.
 *
 * <p>Time comes from an injected {@link java.time.Clock}. May depend on Bouncy Castle's ASN.1 and OpenPGP classes;
 * never on {@code com.atlassian}.
 */
package io.mailseal.keys.select;
