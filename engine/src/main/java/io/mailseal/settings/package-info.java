/**
 * Mailseal's settings: one JSON shape, stored by the plugin, edited on the admin screens, read by the command line,
 * exported and imported (docs/settings.md). Values are records; {@link io.mailseal.settings.SettingsJson} reads and
 * writes them and names the field of every problem.
 *
 * <p>Secrets are {@link io.mailseal.settings.Secret}s: never printed, never written back unless asked for. May depend
 * on Jackson (embedded); never on {@code com.atlassian}.
 */
package io.mailseal.settings;
