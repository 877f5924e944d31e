/**
 * The Mailseal sandbox: a local host, like Atlassian's RefApp, that runs the real built plugin jar the way Confluence
 * does (Apache Felix with Gemini Blueprint, real host services, embedded Jetty) with demo users, keys and pages, and
 * a mailbox showing what the plugin's mail hook sent. {@link io.mailseal.sandbox.Sandbox} assembles and stops it;
 * {@link io.mailseal.sandbox.SandboxMain} is {@code java -jar mailseal-sandbox.jar}.
 *
 * <p>The sandbox may depend on every module but the plugin's classes (it loads the plugin jar, as Confluence does);
 * nothing in the plugin knows it runs here. Every public type states its thread-safety.
 */
package io.mailseal.sandbox;
