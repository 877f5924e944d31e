/**
 * Stand-ins for the Confluence services the plugin meets, for tests and the OSGi test host: the parts of the mail
 * stack (written from the analysis in {@code confluence-platform.md} A.2/A.3: an SMTP server object that builds its
 * JavaMail session and connects its transport the way atlassian-mail's {@code SMTPMailServerImpl} does, and the
 * user/password authentication context; they run the real JavaMail {@code SMTPTransport}), and the SAL and web
 * services of the admin and profile screens: a demo user directory with its user manager, login URIs, WebSudo and
 * XSRF tokens kept in the request's session, an i18n resolver over a map, a page builder that records what was
 * required, and a real Velocity template renderer that allows the templates plain data only.
 *
 * <p>May depend on the host-api declarations, JavaMail, the servlet API and Velocity.
 */
package io.mailseal.testkit.confluence;
