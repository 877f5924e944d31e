package io.mailseal.keys.source;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.RejectionReason;
import io.mailseal.keys.SourceName;
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
public final class UploadKeySource<T> extends StoredKeySource<T, UploadedKey> {

    private final UserKeyStore store;

    /**
     * Creates the source.
     *
     * @param store  where uploads are kept
     * @param format how to read and check them
     */
    public UploadKeySource(UserKeyStore store, KeyFileFormat<T> format) {
        super(SourceName.UPLOAD, format, "uploaded keys");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    List<UploadedKey> find(EmailAddress address) {
        return store.findUploads(address, type());
    }

    @Override
    byte[] bytes(UploadedKey stored) {
        return stored.data();
    }

    @Override
    String describe(UploadedKey stored) {
        return "upload of user " + stored.userKey() + " at " + stored.uploadedAt();
    }
}
