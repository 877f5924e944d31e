package io.mailseal.confluence.web;

import io.mailseal.use.sftp.ShareFile;
import io.mailseal.use.sftp.ShareResult;
import io.mailseal.use.sftp.ShareSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A share session for the screens' pushback tests: it lists nothing, reads nothing, and keeps what is uploaded by
 * path ({@code directory/name}) in the caller's map.
 */
final class RecordingShareSession implements ShareSession {

    private final Map<String, byte[]> returned;

    RecordingShareSession(Map<String, byte[]> returned) {
        this.returned = returned;
    }

    @Override
    public ShareResult<List<ShareFile>> list(String directory) {
        return new ShareResult.Done<>(List.of());
    }

    @Override
    public ShareResult<byte[]> read(String directory, String name) {
        return new ShareResult.Failed<>("no such file", false);
    }

    @Override
    public ShareResult<Void> delete(String directory, String name) {
        return new ShareResult.Done<>(null);
    }

    @Override
    public ShareResult<Void> upload(String directory, String name, byte[] bytes) {
        returned.put(directory + "/" + name, bytes);
        return new ShareResult.Done<>(null);
    }

    @Override
    public ShareResult<List<String>> purgeOlderThan(String directory, Duration retention, Clock clock) {
        return new ShareResult.Done<>(List.of());
    }

    @Override
    public void close() {
        // nothing to close
    }
}
