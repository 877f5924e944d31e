/**
 * Storage ports: where the plugin keeps what users and admins give Mailseal (uploaded keys now; settings, managed
 * keys, sync state and the audit log as their issues arrive). Adapters live in the plugin (Bandana, Active Objects);
 * in-memory versions for tests live in the testkit.
 *
 * <p>Ports only; no storage technology here. Never depends on {@code com.atlassian}.
 */
package io.mailseal.store;
