/**
 * Stand-ins for the parts of Confluence's mail stack that the mail hook meets, written from the analysis in
 * {@code confluence-platform.md} A.2/A.3: an SMTP server object that builds its JavaMail session and connects its
 * transport the way atlassian-mail's {@code SMTPMailServerImpl} does, and the user/password authentication context.
 * They run the real JavaMail {@code SMTPTransport}; only Atlassian's own classes are stood in for.
 *
 * <p>May depend on the host-api declarations and JavaMail.
 */
package io.mailseal.testkit.confluence;
