/**
 * One outgoing message in, the per-recipient messages out: parses the message as Confluence's SMTP client sent it,
 * finds the first rule of the live rule set for the sender and every recipient, asks the policy about every
 * recipient under that rule, groups recipients that can share one encrypted message, and builds each delivery
 * (S/MIME, PGP/MIME, signed, plain, a problem report, or what a rule asks for instead: a content-free notice with a
 * link, a password-protected PDF or ZIP, a notice to the sender) with the original's routing headers outside.
 *
 * <p>Fail closed: if any delivery that needs encryption cannot be built, nothing is delivered and the whole message is
 * retried. May depend on the policy, rules, store (ports), packaging, keys and crypto packages; never on
 * {@code com.atlassian}.
 */
package io.mailseal.outbound;
