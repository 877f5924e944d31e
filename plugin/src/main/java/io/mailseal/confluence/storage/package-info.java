/**
 * Mailseal's storage in Confluence, the adapters of the engine's storage ports ({@code io.mailseal.store}):
 * <ul>
 *   <li>{@link io.mailseal.confluence.storage.BandanaSettingsStore}: the one settings JSON document in Bandana, as a
 *       plain string (Bandana serialises with XStream and an allow-list), every secret encrypted by a
 *       {@link io.mailseal.confluence.storage.SecretBox} (AES-256-GCM, the key in a
 *       {@link io.mailseal.confluence.storage.HomeKeyFile} in the shared home);</li>
 *   <li>{@link io.mailseal.confluence.storage.AoUserKeyStore}, {@link io.mailseal.confluence.storage.AoAuditLog} and the
 *       USE sync stores ({@code AoManagedKeyStore}, {@code AoGroupStore}, {@code AoRuleSetStore},
 *       {@code AoSyncStateStore}, the run lock {@code AoRunLock}; docs/adr/0010) and the recipients' content
 *       passwords ({@code AoContentPasswordStore}, sealed by the {@code SecretBox}):
 *       Active Objects entities {@code Ao*} (declared in the {@code ao-module} of {@code atlassian-plugin.xml}),
 *       accessed only inside a transaction and copied into immutable engine records before they leave the store.</li>
 * </ul>
 * Bandana and Active Objects are cluster-wide; nothing here caches.
 *
 * <p>May depend on the engine, the host API ({@code com.atlassian.bandana}, {@code com.atlassian.activeobjects},
 * SAL), {@code net.java.ao} and SLF4J. Schema changes follow docs/adr/0006.
 */
package io.mailseal.confluence.storage;
