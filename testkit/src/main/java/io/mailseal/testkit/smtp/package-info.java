/**
 * SMTP servers for tests: Debian's aiosmtpd as a real upstream mail server on 127.0.0.1 that keeps each message as a
 * file and can refuse chosen recipients, for the mail-path integration tests.
 *
 * <p>May depend on the JDK only.
 */
package io.mailseal.testkit.smtp;
