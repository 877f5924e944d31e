/**
 * USE user synchronisation: the {@code .useimport} file read as a stream and validated line by line into its model
 * ({@link io.mailseal.use.UseLine}: S/MIME and PGP key target states, passphrases for key imports, group entries and
 * run options), with every problem naming file, line and column, and a file without its termination line
 * {@code #####} reported as {@linkplain io.mailseal.use.UseImportResult.Incomplete incomplete} (still uploading).
 *
 * <p>The sync itself (reconciler, executor, reports, one run over the share) is in {@code io.mailseal.use.sync}; the
 * share in {@code io.mailseal.use.sftp}. They take a {@link io.mailseal.use.UseImportResult.Valid} and never
 * re-read the file.
 *
 * <p>Passphrases are {@link io.mailseal.settings.Secret}s and never appear in problems, {@code toString()} or logs.
 * May depend on {@code io.mailseal.imports}, {@code io.mailseal.rules} (groups), {@code io.mailseal.keys} (addresses)
 * and {@code io.mailseal.settings} (secrets); never on {@code com.atlassian}.
 */
package io.mailseal.use;
