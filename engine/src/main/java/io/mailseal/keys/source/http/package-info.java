/**
 * OpenPGP key sources over HTTP: an HKP key server ({@code hkp://}, {@code hkps://}, {@code http://},
 * {@code https://}), the recipient domain's Web Key Directory (advanced, then direct method) and the
 * keys.openpgp.org VKS API; and {@link io.mailseal.keys.source.http.HttpFetcher}, the one bounded HTTP GET they share
 * (connect and overall timeouts, a cap on the answer's size, same-host redirects only).
 *
 * <p>Key servers match loosely (SKS does a word search), so every key an answer holds is parsed with
 * {@link io.mailseal.keys.format.OpenPgpKeyReader} and checked with {@link io.mailseal.keys.select.OpenPgpKeyRules}
 * for the address asked: a key without a valid user ID carrying the address is a rejection, never a match. A server
 * that is down, slow, answers HTML or too much is a {@link io.mailseal.keys.SourceResponse.Status#ERROR} naming the
 * URL (without its query) and the cause; nothing here throws for an expected outcome.
 *
 * <p>May depend on the JDK ({@code java.net.http}), {@code io.mailseal.keys} and its {@code format} and
 * {@code select} packages, and Bouncy Castle's key types. Never on {@code com.atlassian}.
 */
package io.mailseal.keys.source.http;
