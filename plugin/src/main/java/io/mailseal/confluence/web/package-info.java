/**
 * Mailseal's screens in Confluence: the admin pages (encryption settings, key sources, verify, status, audit log,
 * settings export and import) and the user's "Email security" profile page, as plain servlets rendering Velocity
 * templates.
 *
 * <p>The security rules every screen keeps, in one place ({@link io.mailseal.confluence.web.WebPages}): an admin page
 * answers only a system administrator (anonymous users are sent to the login page, others get 403) in a WebSudo
 * session; the profile page answers any licensed user about their own keys only. State changes only on POST with a
 * valid XSRF token ({@code atl_token}); GET never changes anything. Every admin change and every key upload or
 * removal is written to the audit log (who, what, when; never a secret); the managed-key download's lockout is
 * counted from that log, so it holds across the cluster ({@link io.mailseal.confluence.web.DownloadLockout}). Secrets are never rendered back, not even
 * the ones just typed.
 *
 * <p>Escaping: templates get plain maps, strings, lists, booleans and numbers only (Confluence 9 allow-lists template
 * method calls), and every string in them is HTML-escaped in Java by {@link io.mailseal.confluence.web.Model} before
 * it is put in, i18n texts included, so a template writes {@code $value} as it is and never needs an escaping tool.
 * Every text shown comes from {@code i18n/mailseal.properties}.
 *
 * <p>May depend on the engine, the storage and mail adapters of this plugin, the host-api declarations (SAL, template
 * renderer, web resources) and the servlet API.
 */
package io.mailseal.confluence.web;
