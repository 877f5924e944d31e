package io.mailseal.store;

import io.mailseal.keys.KeyType;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key a user uploaded on the profile page, as stored: the raw file, so it can be shown, exported and re-checked
 * against newer rules.
 *
 * <p>Immutable and thread-safe (the data is copied in and out). Equal when every field is, the bytes compared by
 * content; {@link #toString()} shows the length of the data, not the data.
 *
 * @param userKey    the uploading user's stable key (Confluence user key); not null
 * @param type       S/MIME or PGP; not null
 * @param data       the uploaded bytes (certificate, PKCS#7, or OpenPGP key in any supported format); not null
 * @param uploadedAt when it was uploaded; not null
 */
public record UploadedKey(String userKey, KeyType type, byte[] data, Instant uploadedAt) {

    /** Validates and copies the data. */
    public UploadedKey {
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(type, "type");
        data = Objects.requireNonNull(data, "data").clone();
        Objects.requireNonNull(uploadedAt, "uploadedAt");
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UploadedKey key && userKey.equals(key.userKey) && type == key.type
                && Arrays.equals(data, key.data) && uploadedAt.equals(key.uploadedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userKey, type, Arrays.hashCode(data), uploadedAt);
    }

    @Override
    public String toString() {
        return "UploadedKey[userKey=" + userKey + ", type=" + type + ", data=" + data.length + " bytes, uploadedAt="
                + uploadedAt + "]";
    }
}
