/**
 * The sandbox's outgoing mail: an SMTP sink on 127.0.0.1 that the host's SMTP server sends to, and the mailbox that
 * keeps every message it received in the data directory and tells what kind of message each is (S/MIME or PGP
 * encrypted, signed, plain, or a Mailseal problem report).
 *
 * <p>May depend on the JDK and the javax.mail API only. Every public type states its thread-safety.
 */
package io.mailseal.sandbox.mail;
