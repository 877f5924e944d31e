/**
 * Test support shared by the modules: named test identities ({@code identities}), real and in-process servers
 * ({@code ldap}, {@code http}), the Confluence-like OSGi host ({@code osgi}), in-memory stores with the contract tests
 * every store runs ({@code store}), the Active Objects API over a real database ({@code ao}), a hand-moved clock and
 * the process helpers they share.
 *
 * <p>May depend on the engine, JUnit 5 and AssertJ, and the servers' own libraries. Only {@code ao} depends on
 * {@code com.atlassian} (the host-api declarations, provided); nothing else here does.
 */
package io.mailseal.testkit;
