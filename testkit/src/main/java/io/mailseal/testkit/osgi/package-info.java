/**
 * A Confluence-like OSGi container for tests and, later, the sandbox: Apache Felix with Gemini Blueprint and Spring
 * 5.3 as bundles, host packages exported by the system bundle, host services registered from outside.
 *
 * <p>May depend on the OSGi framework API only; Spring and Gemini types are reached reflectively because they live
 * inside the framework. Never references {@code com.atlassian} types: the host services belong to whoever builds the
 * host.
 */
package io.mailseal.testkit.osgi;
