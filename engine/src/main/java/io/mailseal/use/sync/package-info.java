/**
 * The USE sync proper: the pure {@link io.mailseal.use.sync.Reconciler} (current state + a valid import file → a
 * {@link io.mailseal.use.sync.SyncPlan} with an outcome for every input line), the
 * {@link io.mailseal.use.sync.SyncExecutor} that applies a plan (keys made in parallel on a bounded pool, progress
 * reported, cancellable, every failure recorded per line), the key-file import from the share, the
 * {@link io.mailseal.use.sync.SyncReport} (text for mail and pushback), and {@link io.mailseal.use.sync.UseSync}, one
 * run end to end over an {@link io.mailseal.use.sync.ImportShare}.
 *
 * <p>S/MIME certificates (the CA, WatchDog and semi-automatic mode) are a later issue: {@code smime-state} lines are
 * parsed and reported as not managed yet; {@link io.mailseal.use.sync.SyncAction} is where certificate creation and
 * revocation join.
 *
 * <p>May depend on {@code io.mailseal.use}, {@code rules}, {@code keys}, {@code crypto}, {@code store},
 * {@code settings} and {@code use.sftp} (the share's result values), and on Bouncy Castle and javax.mail for key
 * files and the report message; never on {@code com.atlassian}. Secrets (passphrases, secret keys, rule passwords)
 * never appear in a plan's text, a report, a log or {@code toString()}.
 */
package io.mailseal.use.sync;
