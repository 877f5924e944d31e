/**
 * The sandbox's web server: embedded Jetty (javax.servlet 4) on 127.0.0.1 with sessions, the login form, WebSudo's
 * re-authentication page, the plugins' servlet modules under {@code /plugins/servlet/...} and web resources under
 * {@code /download/resources/...}, and the AUI layout with the admin sidebar and profile menu built from the
 * plugins' web sections and web items, applied as the decorator a page's {@code <meta name="decorator">} asks for.
 *
 * <p>May depend on Jetty, the servlet API, the host services and the plugin host. Everything written into a page is
 * HTML-escaped with {@link io.mailseal.sandbox.web.Html}. Every public type states its thread-safety.
 */
package io.mailseal.sandbox.web;
