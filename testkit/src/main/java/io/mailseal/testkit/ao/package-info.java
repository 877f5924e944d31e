/**
 * The host's Active Objects API ({@code com.atlassian.activeobjects.external.ActiveObjects}) over a real database,
 * through net.java.ao's {@code EntityManager}: what the Active Objects plugin gives a plugin inside Confluence, for
 * the plugin's store tests and the sandbox (embedded Jetty and H2).
 *
 * <p>The one testkit package that depends on {@code com.atlassian}: the host-api declarations and net.java.ao are
 * provided and optional here, so a module that uses this package brings them (and a JDBC driver). Test and sandbox
 * code only: never shipped in the plugin.
 */
package io.mailseal.testkit.ao;
