/**
 * Storage ports: where the plugin keeps what users and admins give Mailseal. Now: the settings document
 * ({@link io.mailseal.store.SettingsStore}), uploaded keys (read by the key sources through
 * {@link io.mailseal.store.UserKeyStore}, managed by their owners through {@link io.mailseal.store.UserKeyUploads})
 * and the bounded {@link io.mailseal.store.AuditLog}; managed keys and sync state join with their issues. Adapters
 * live in the plugin (Bandana, Active Objects); in-memory versions and the contract tests every implementation runs
 * live in the testkit ({@code io.mailseal.testkit.store}).
 *
 * <p>Ports and their values only; no storage technology here. May depend on the engine's {@code keys} and
 * {@code settings} values; never on {@code com.atlassian}.
 */
package io.mailseal.store;
