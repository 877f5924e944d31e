/**
 * One outgoing message in, the per-recipient messages out: parses the message as Confluence's SMTP client sent it,
 * asks the policy about every recipient, groups recipients that can share one encrypted message, and builds each
 * delivery (S/MIME, PGP/MIME, signed, plain, or a problem report) with the original's routing headers outside.
 *
 * <p>Fail closed: if any delivery that needs encryption cannot be built, nothing is delivered and the whole message is
 * retried. May depend on the policy, keys and crypto packages; never on {@code com.atlassian}.
 */
package io.mailseal.outbound;
