package io.mailseal.store;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import java.util.List;
import java.util.Optional;

/**
 * The profile page's side of the uploaded keys: a user saves, lists and removes their own uploads. Every write names
 * the owner, and a user can only ever see or remove their own uploads; the key sources read the same uploads through
 * {@link UserKeyStore}.
 *
 * <p>Limits, the same for every implementation: at most {@value #MAX_UPLOADS_PER_USER} uploads per user, at most
 * {@value #MAX_UPLOAD_BYTES} bytes per upload, owner user keys and addresses of at most {@value #MAX_TEXT_LENGTH}
 * characters. Times are kept to the millisecond. The store keeps bytes; whether they are a usable key is the
 * caller's check.
 *
 * <p>Implementations are thread-safe. One that cannot reach its storage throws an unchecked exception.
 */
public interface UserKeyUploads extends UserKeyStore {

    /** The most uploads one user may have. */
    int MAX_UPLOADS_PER_USER = 20;
    /** The largest upload, in bytes (1 MiB: a certificate chain or a PGP key with many signatures). */
    int MAX_UPLOAD_BYTES = 1 << 20;
    /** The longest owner user key or address. */
    int MAX_TEXT_LENGTH = 255;

    /**
     * Saves an upload for its owner, stamped with the store's clock.
     *
     * @param owner   the uploading user's key; not null
     * @param address the address the key is for (usually the owner's own); not null
     * @param type    S/MIME or PGP; not null
     * @param data    the uploaded file; not null
     * @return the saved upload, or why it was refused (nothing saved)
     */
    UploadChange save(String owner, EmailAddress address, KeyType type, byte[] data);

    /**
     * The uploads of one user.
     *
     * @param owner the user's key; not null
     * @return their uploads, newest first; empty if none
     */
    List<UserUpload> uploadsOf(String owner);

    /**
     * Removes one of a user's own uploads.
     *
     * @param owner    the user asking; not null
     * @param uploadId the upload's id, as {@link UserUpload#id()} gave it; not null
     * @return the removed upload, or why nothing was removed ({@code NOT_FOUND}, {@code NOT_OWNER})
     */
    UploadChange remove(String owner, String uploadId);

    /**
     * The refusal for a save with bad input, the same for every implementation: checks everything but the per-user
     * count.
     *
     * @param owner   the owner's user key
     * @param address the address
     * @param data    the file
     * @return the refusal, or empty if the input may be saved
     */
    static Optional<UploadChange.Refused> refusal(String owner, EmailAddress address, byte[] data) {
        if (owner.isBlank()) {
            return Optional.of(new UploadChange.Refused(UploadChange.Reason.INVALID, "owner: is required"));
        }
        if (owner.length() > MAX_TEXT_LENGTH) {
            return Optional.of(new UploadChange.Refused(UploadChange.Reason.INVALID,
                    "owner: longer than " + MAX_TEXT_LENGTH + " characters"));
        }
        if (address.value().length() > MAX_TEXT_LENGTH) {
            return Optional.of(new UploadChange.Refused(UploadChange.Reason.INVALID,
                    "address: longer than " + MAX_TEXT_LENGTH + " characters"));
        }
        if (data.length == 0) {
            return Optional.of(new UploadChange.Refused(UploadChange.Reason.INVALID, "data: the file is empty"));
        }
        if (data.length > MAX_UPLOAD_BYTES) {
            return Optional.of(new UploadChange.Refused(UploadChange.Reason.TOO_LARGE,
                    "data: " + data.length + " bytes is more than the " + MAX_UPLOAD_BYTES + " allowed"));
        }
        return Optional.empty();
    }

    /**
     * The refusal for a user who has reached {@link #MAX_UPLOADS_PER_USER}.
     *
     * @return the refusal
     */
    static UploadChange.Refused tooMany() {
        return new UploadChange.Refused(UploadChange.Reason.TOO_MANY,
                "owner: already has " + MAX_UPLOADS_PER_USER + " uploads; remove one first");
    }

    /**
     * The refusal for an id that names no upload.
     *
     * @param uploadId the id asked for
     * @return the refusal
     */
    static UploadChange.Refused notFound(String uploadId) {
        return new UploadChange.Refused(UploadChange.Reason.NOT_FOUND, "upload " + shown(uploadId) + ": no such upload");
    }

    /**
     * The refusal for a user who asks to remove someone else's upload.
     *
     * @param uploadId the id asked for
     * @return the refusal
     */
    static UploadChange.Refused notOwner(String uploadId) {
        return new UploadChange.Refused(UploadChange.Reason.NOT_OWNER,
                "upload " + shown(uploadId) + ": belongs to another user; only its owner may remove it");
    }

    /** An id as a message shows it: at most 40 characters, since it may come from a request. */
    private static String shown(String uploadId) {
        return uploadId.length() <= 40 ? uploadId : uploadId.substring(0, 40) + "…";
    }
}
