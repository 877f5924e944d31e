/**
 * The USE sync in Confluence: its settings ({@link io.mailseal.confluence.jobs.UseSettings}), and the
 * atlassian-scheduler job ({@link io.mailseal.confluence.jobs.UseSyncJob}) that runs the engine's
 * {@code io.mailseal.use.sync.UseSync} once per cluster at the admin's interval or on "run now", under the run lock
 * of {@code io.mailseal.confluence.storage.AoRunLock}, and sends the report (and the S/MIME transactional report)
 * through Confluence's mail server; and the WatchDog job ({@link io.mailseal.confluence.jobs.WatchDogJob}) that runs
 * the engine's {@code io.mailseal.use.sync.WatchDog} once a day per cluster under the same lock.
 *
 * <p>May depend on the engine, the host API (scheduler, atlassian-mail), {@code io.mailseal.confluence.storage} and
 * {@code io.mailseal.confluence.mail}, and SLF4J.
 */
package io.mailseal.confluence.jobs;
