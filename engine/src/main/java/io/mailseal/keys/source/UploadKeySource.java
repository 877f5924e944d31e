package io.mailseal.keys.source;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySource;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.store.UploadedKey;
import io.mailseal.store.UserKeyStore;
import java.util.List;
import java.util.Objects;

/**
 * The keys users uploaded on their profile page. The spec gives an upload precedence over every other source, so
 * the directory lists this source first.
 *
 * <p>Every upload is parsed and checked again on each lookup (uploads are few and small), so a key that has expired
 * since it was uploaded is rejected with its reason. An upload that no longer parses is reported as
 * {@link RejectionReason#MALFORMED}.
 *
 * <p>Thread-safe if the store is.
 *
 * @param <T> the parsed key type
 */
public final class UploadKeySource<T> implements KeySource {

    private final UserKeyStore store;
    private final KeyFileFormat<T> format;

    /**
     * Creates the source.
     *
     * @param store  where uploads are kept
     * @param format how to read and check them
     */
    public UploadKeySource(UserKeyStore store, KeyFileFormat<T> format) {
        this.store = Objects.requireNonNull(store, "store");
        this.format = Objects.requireNonNull(format, "format");
    }

    @Override
    public SourceName name() {
        return SourceName.UPLOAD;
    }

    @Override
    public KeyType type() {
        return format.type();
    }

    @Override
    public SourceResponse lookup(EmailAddress address) {
        long start = System.nanoTime();
        List<UploadedKey> uploads;
        try {
            uploads = store.findUploads(address, type());
        } catch (RuntimeException e) {
            return StoredKeys.unreadable(SourceName.UPLOAD, format, "uploaded keys", e, start);
        }
        return StoredKeys.answer(SourceName.UPLOAD, format, address, uploads, UploadedKey::data,
                upload -> "upload of user " + upload.userKey() + " at " + upload.uploadedAt(), start);
    }
}
