package io.mailseal.confluence.storage;

import com.atlassian.activeobjects.external.ActiveObjects;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.store.KeyDownload;
import io.mailseal.store.KeyDownloads;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import net.java.ao.Query;

/**
 * The managed-key downloads in Active Objects ({@link AoKeyDownload}). Every access runs in one
 * {@link ActiveObjects#executeInTransaction}. "Once" is atomic across nodes through the unique slot column: a first
 * download inserts the slot {@code <TYPE>:<FINGERPRINT>}, so of two concurrent first downloads the database refuses
 * the second insert, and {@link #record} reads the download that won and reports it.
 *
 * <p>Thread-safe: no state of its own besides the injected service.
 */
public final class AoKeyDownloads implements KeyDownloads {

    private static final String BY_KEY = AoKeyDownload.FINGERPRINT + " = ? AND " + AoKeyDownload.KEY_TYPE + " = ?";
    private static final int ATTEMPTS = 3;

    private final ActiveObjects ao;

    /**
     * Creates the store.
     *
     * @param ao the plugin's Active Objects (the {@code ao-module} declares {@link AoKeyDownload})
     */
    public AoKeyDownloads(ActiveObjects ao) {
        this.ao = Objects.requireNonNull(ao, "ao");
    }

    @Override
    public Recorded record(KeyDownload download, boolean repeatAllowed) {
        Objects.requireNonNull(download, "download");
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                Recorded recorded = ao.executeInTransaction(() -> {
                    List<KeyDownload> earlier = read(download.type(), download.fingerprint());
                    if (!earlier.isEmpty() && !repeatAllowed) {
                        return new Recorded.AlreadyDownloaded(earlier.get(0));
                    }
                    String slot = download.type().name() + ":" + download.fingerprint();
                    ao.create(AoKeyDownload.class, row(download, earlier.isEmpty() ? slot
                            : slot + "#" + UUID.randomUUID()));
                    return new Recorded.Done(download);
                });
                return recorded;
            } catch (RuntimeException e) {
                last = e; // another node recorded a first download of the key at the same time: read it again
            }
        }
        throw new IllegalStateException("the download of " + download.type() + " key " + download.fingerprint()
                + " cannot be recorded", last);
    }

    @Override
    public List<KeyDownload> downloadsOf(KeyType type, String fingerprint) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fingerprint, "fingerprint");
        return ao.executeInTransaction(() -> read(type, fingerprint));
    }

    private List<KeyDownload> read(KeyType type, String fingerprint) {
        return Arrays.stream(ao.find(AoKeyDownload.class, Query.select().where(BY_KEY, fingerprint, type.name())
                        .order(AoKeyDownload.DOWNLOADED_AT + " ASC, ID ASC")))
                .map(AoKeyDownloads::download).toList();
    }

    private static Map<String, Object> row(KeyDownload download, String slot) {
        Map<String, Object> row = new HashMap<>();
        row.put(AoKeyDownload.ONCE_SLOT, slot);
        row.put(AoKeyDownload.KEY_TYPE, download.type().name());
        row.put(AoKeyDownload.FINGERPRINT, download.fingerprint());
        row.put(AoKeyDownload.USER_KEY, download.userKey());
        row.put(AoKeyDownload.EMAIL, download.address().value());
        row.put(AoKeyDownload.FILE_FORMAT, download.format());
        row.put(AoKeyDownload.DOWNLOADED_AT, download.downloadedAt().toEpochMilli());
        return row;
    }

    private static KeyDownload download(AoKeyDownload row) {
        return new KeyDownload(Instant.ofEpochMilli(row.getDownloadedAt()), row.getUserKey(),
                EmailAddress.parse(row.getEmail()), KeyType.valueOf(row.getKeyType()), row.getFingerprint(),
                row.getFileFormat());
    }

    @Override
    public String toString() {
        return "AoKeyDownloads";
    }
}
