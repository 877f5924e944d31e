/**
 * Plugins in the sandbox: reading a plugin's {@code atlassian-plugin.xml} (servlets, web sections and items, web
 * resources, i18n, Active Objects entities), installing and starting plugin jars in the Confluence-like Felix host
 * with the host services registered, and the per-plugin services (Active Objects on the H2 database, transactions,
 * Velocity templates from the bundle).
 *
 * <p>May depend on the OSGi framework API, the testkit's OSGi host and Active Objects adapter, and the host services.
 * Every public type states its thread-safety.
 */
package io.mailseal.sandbox.plugin;
