/**
 * The sandbox's Confluence host services: real, working implementations of every Atlassian interface the plugin's
 * Spring context imports. Users and groups live in the in-process LDAP directory (logins are LDAP binds); sessions,
 * WebSudo and XSRF tokens live in the servlet session; Bandana, plugin settings and Active Objects live in an H2 file
 * database in the data directory; templates are Velocity; texts come from the plugins' own i18n resources.
 *
 * <p>May depend on the host API ({@code com.atlassian} declarations), the servlet and mail APIs, UnboundID LDAP,
 * H2/JDBC, Velocity, Quartz's cron expressions and the testkit's Confluence stand-ins. Every public type states its
 * thread-safety; all are safe for the concurrent use of a web server.
 */
package io.mailseal.sandbox.host;
