package io.mailseal.store;

import io.mailseal.keys.EmailAddress;
import java.util.Objects;

/**
 * One stored upload as its owner sees it on the profile page: the store's id for it, the address it was uploaded
 * for, and the upload itself.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id      the store's id; opaque to callers, used to remove the upload; not blank
 * @param address the address the key was uploaded for; not null
 * @param key     the upload (owner, type, bytes, time); not null
 */
public record UserUpload(String id, EmailAddress address, UploadedKey key) {

    /** Validates the upload. */
    public UserUpload {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id is blank");
        }
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(key, "key");
    }

    /**
     * The owner's user key.
     *
     * @return the user key of the user who uploaded it
     */
    public String owner() {
        return key.userKey();
    }
}
