package io.mailseal.use.sync;

import io.mailseal.use.sftp.ShareResult;
import io.mailseal.use.sftp.ShareSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pushes a run's files back to the share's return directory, as the spec's "pushback" asks: first purges returns
 * older than the retention, then uploads the files in order, stopping at the first failed upload. Used by the sync
 * for its report and S/MIME files, and by the plugin for a batch import's S/MIME report.
 *
 * <p>Stateless and thread-safe; the session is the caller's (not thread-safe, not closed here).
 */
public final class ReturnPushback {

    private ReturnPushback() {
    }

    /**
     * Purges and uploads.
     *
     * @param session   an open session on the share
     * @param directory the return directory
     * @param retention returns older than this are deleted
     * @param clock     decides what is older
     * @param files     the files, in upload order
     * @return empty if every file is on the share and the purge worked, else the first failure's reason (naming the
     *         directory or file; never a secret)
     */
    public static Optional<String> push(ShareSession session, String directory, Duration retention, Clock clock,
                                        List<SyncReport.Attachment> files) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(directory, "directory");
        ShareResult<List<String>> purged = session.purgeOlderThan(directory, retention, clock);
        ShareResult<Void> pushed = new ShareResult.Done<>(null);
        for (SyncReport.Attachment file : files) {
            pushed = session.upload(directory, file.name(), file.content());
            if (pushed instanceof ShareResult.Failed<Void>) {
                break;
            }
        }
        if (pushed instanceof ShareResult.Failed<Void> failed) {
            return Optional.of(failed.reason());
        }
        if (purged instanceof ShareResult.Failed<List<String>> failed) {
            return Optional.of(failed.reason());
        }
        return Optional.empty();
    }
}
