package io.mailseal.use.sync;

import io.mailseal.use.sftp.ImportShare;
import io.mailseal.use.sftp.ShareResult;
import io.mailseal.use.sftp.ShareSession;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The spec's "pushback": a run's report files go to the share's return directory, to be collected there, and returns
 * older than the retention are deleted first (the spec: 30 days). The USE sync pushes its report and its S/MIME
 * report's files; the WatchDog pushes its S/MIME report's files (text, certificates' zip, instructions CSV; never a
 * private key, since the reports carry none).
 *
 * <p>Uploads stop at the first file that fails, so a half-pushed run is named by the one failure. A failed purge or
 * upload is a {@link Result.Failed} value with the reason (never an exception); the caller records it in the run.
 *
 * <p>Stateless and thread-safe; a {@link ShareSession} itself is not, so one push per session at a time.
 */
public final class Pushback {

    private Pushback() {
    }

    /** What a push gave. */
    public sealed interface Result {

        /**
         * Every file was uploaded and the old returns purged.
         *
         * @param uploaded the names uploaded, in order
         * @param purged   the names of old returns deleted
         */
        record Pushed(List<String> uploaded, List<String> purged) implements Result {

            /** Copies. */
            public Pushed {
                uploaded = List.copyOf(uploaded);
                purged = List.copyOf(purged);
            }
        }

        /**
         * The push failed (files before the failing one may be on the share).
         *
         * @param reason {@code pushback to <directory> failed: <why>}, naming the host, file or directory, never a
         *               secret
         */
        record Failed(String reason) implements Result {

            /** Validates. */
            public Failed {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /**
     * Purges the return directory, then uploads the files in order, on an open session.
     *
     * @param session   the open session
     * @param directory the return directory
     * @param retention returns older than this are deleted
     * @param clock     decides what is older
     * @param files     the files to upload
     * @return pushed, or why not
     */
    public static Result push(ShareSession session, String directory, Duration retention, Clock clock,
                              List<SyncReport.Attachment> files) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(clock, "clock");
        ShareResult<List<String>> purged = session.purgeOlderThan(directory, retention, clock);
        List<String> uploaded = new ArrayList<>();
        for (SyncReport.Attachment file : files) {
            if (session.upload(directory, file.name(), file.content()) instanceof ShareResult.Failed<Void> failed) {
                return failed(directory, failed.reason());
            }
            uploaded.add(file.name());
        }
        if (purged instanceof ShareResult.Failed<List<String>> failed) {
            return failed(directory, failed.reason());
        }
        return new Result.Pushed(uploaded, ((ShareResult.Done<List<String>>) purged).value());
    }

    /**
     * Opens the share, pushes as {@link #push(ShareSession, String, Duration, Clock, List)} does, and closes it.
     *
     * @param share     the share
     * @param directory the return directory
     * @param retention returns older than this are deleted
     * @param clock     decides what is older
     * @param files     the files to upload
     * @return pushed, or why not (also when the share could not be opened)
     */
    public static Result push(ImportShare share, String directory, Duration retention, Clock clock,
                              List<SyncReport.Attachment> files) {
        Objects.requireNonNull(share, "share");
        ShareResult<? extends ShareSession> opened = share.open();
        if (opened instanceof ShareResult.Failed<? extends ShareSession> failed) {
            return failed(directory, "the share could not be opened: " + failed.reason());
        }
        try (ShareSession session = ((ShareResult.Done<? extends ShareSession>) opened).value()) {
            return push(session, directory, retention, clock, files);
        } catch (RuntimeException e) {
            return failed(directory, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Result.Failed failed(String directory, String reason) {
        return new Result.Failed("pushback to " + directory + " failed: " + reason);
    }
}
