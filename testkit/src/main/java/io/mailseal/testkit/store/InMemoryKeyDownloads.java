package io.mailseal.testkit.store;

import io.mailseal.keys.KeyType;
import io.mailseal.store.KeyDownload;
import io.mailseal.store.KeyDownloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link KeyDownloads} in a list, for tests and the sandbox. Thread-safe: every method is synchronized. */
public final class InMemoryKeyDownloads implements KeyDownloads {

    private final List<KeyDownload> downloads = new ArrayList<>();

    @Override
    public synchronized Recorded record(KeyDownload download, boolean repeatAllowed) {
        Objects.requireNonNull(download, "download");
        List<KeyDownload> earlier = downloadsOf(download.type(), download.fingerprint());
        if (!earlier.isEmpty() && !repeatAllowed) {
            return new Recorded.AlreadyDownloaded(earlier.get(0));
        }
        downloads.add(download);
        return new Recorded.Done(download);
    }

    @Override
    public synchronized List<KeyDownload> downloadsOf(KeyType type, String fingerprint) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fingerprint, "fingerprint");
        return downloads.stream().filter(d -> d.type() == type && d.fingerprint().equals(fingerprint)).toList();
    }
}
