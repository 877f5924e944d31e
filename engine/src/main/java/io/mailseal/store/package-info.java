/**
 * Storage ports: where the plugin keeps what users and admins give Mailseal. Now: the settings document
 * ({@link io.mailseal.store.SettingsStore}), uploaded keys (read by the key sources through
 * {@link io.mailseal.store.UserKeyStore}, managed by their owners through {@link io.mailseal.store.UserKeyUploads})
 * and the bounded {@link io.mailseal.store.AuditLog}; for the USE sync, the managed keys
 * ({@link io.mailseal.store.ManagedKeyStore}, secret parts sealed), the live groups
 * ({@link io.mailseal.store.GroupStore}) and rule set ({@link io.mailseal.store.RuleSetStore}), and what the sync
 * remembers between runs ({@link io.mailseal.store.SyncStateStore}: processed and incomplete files, run history)
 * and the "S/MIME users" list the WatchDog renews ({@link io.mailseal.store.SmimeUserList});
 * for the rules {@code pdf} and {@code zip}, the recipients' own content passwords
 * ({@link io.mailseal.store.ContentPasswordStore}).
 * Adapters live in the plugin (Bandana, Active Objects); in-memory versions and the contract tests every
 * implementation runs live in the testkit ({@code io.mailseal.testkit.store}).
 *
 * <p>Ports and their values only; no storage technology here. May depend on the engine's {@code keys},
 * {@code rules} and {@code settings} values; never on {@code com.atlassian}.
 */
package io.mailseal.store;
