/**
 * The USE sync proper: the pure {@link io.mailseal.use.sync.Reconciler} (current state + a valid import file → a
 * {@link io.mailseal.use.sync.SyncPlan} with an outcome for every input line), the
 * {@link io.mailseal.use.sync.SyncExecutor} that applies a plan (keys made in parallel on a bounded pool, progress
 * reported, cancellable, every failure recorded per line), the key-file import from the share, the
 * {@link io.mailseal.use.sync.SyncReport} (text for mail and pushback), and {@link io.mailseal.use.sync.UseSync}, one
 * run end to end over an {@link io.mailseal.use.sync.ImportShare}.
 *
 * <p>S/MIME certificates: {@code smime-state} lines are planned against the live certificates of an
 * {@link io.mailseal.ca.CertificateAuthority} and issued or revoked through it; semi-automatic mode writes the
 * {@link io.mailseal.use.sync.CertificateInstructions} CSV instead, which {@link io.mailseal.use.sync.CertificateBatch}
 * imports later; the {@link io.mailseal.use.sync.WatchDog} renews the certificates of the S/MIME users list; each
 * run's {@link io.mailseal.use.sync.SmimeReport} is the S/MIME transactional report.
 *
 * <p>May depend on {@code io.mailseal.use}, {@code rules}, {@code keys}, {@code crypto}, {@code store},
 * {@code settings}, {@code ca} and {@code use.sftp} (the share's result values), and on Bouncy Castle and javax.mail
 * for key files and the report message; never on {@code com.atlassian}. Secrets (passphrases, secret keys, rule passwords)
 * never appear in a plan's text, a report, a log or {@code toString()}.
 */
package io.mailseal.use.sync;
