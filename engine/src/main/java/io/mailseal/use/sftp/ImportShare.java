package io.mailseal.use.sftp;

/**
 * Where the USE sync finds its import and key files and leaves its reports: the admin's share. {@link JschSftpShare}
 * is the SFTP adapter; tests may use a directory.
 *
 * <p>Implementations are thread-safe; a {@link ShareSession} is used by one thread. Expected failures (unreachable, host
 * key changed, file missing) are {@link ShareResult.Failed} values, never exceptions.
 */
public interface ImportShare {

    /**
     * Opens a session (connects and logs in).
     *
     * @return the session, or why there is none
     */
    ShareResult<? extends ShareSession> open();
}
