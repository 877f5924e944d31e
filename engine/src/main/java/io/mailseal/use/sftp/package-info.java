/**
 * The USE import share: the port {@link io.mailseal.use.sftp.ImportShare} (open a
 * {@link io.mailseal.use.sftp.ShareSession}: list, read, delete, upload, purge) and its adapter
 * {@link io.mailseal.use.sftp.JschSftpShare}, the admin's SFTP server reached with JSch (the maintained
 * {@code com.github.mwiede} fork) only when its host key matches the one the admin accepted. Files are listed, read
 * with a size cap, deleted after they were processed, and reports are uploaded to the return directory (written under
 * a temporary name, then renamed, so the reader never sees half a file); old returns are purged.
 *
 * <p>May depend on the JDK, JSch and the engine's settings values; never on {@code com.atlassian}.
 */
package io.mailseal.use.sftp;
