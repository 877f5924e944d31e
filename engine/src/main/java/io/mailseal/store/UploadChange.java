package io.mailseal.store;

import java.util.Objects;

/**
 * What saving or removing an upload did: done, or refused with the reason. A refusal is an expected outcome (a
 * file too large, someone else's key), so it is a value; nothing was changed.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface UploadChange {

    /**
     * The change was made.
     *
     * @param upload the upload saved or removed
     */
    record Done(UserUpload upload) implements UploadChange {

        /** Validates. */
        public Done {
            Objects.requireNonNull(upload, "upload");
        }
    }

    /**
     * The change was refused; nothing was changed.
     *
     * @param reason  why, for code (the screens map it to their own words)
     * @param message why, in plain words naming the field or the upload, e.g. {@code data: is empty}
     */
    record Refused(Reason reason, String message) implements UploadChange {

        /** Validates. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why a change was refused. */
    enum Reason {
        /** A required value is blank, or too long to store. */
        INVALID,
        /** The file is larger than {@link UserKeyUploads#MAX_UPLOAD_BYTES}. */
        TOO_LARGE,
        /** The user already has {@link UserKeyUploads#MAX_UPLOADS_PER_USER} uploads. */
        TOO_MANY,
        /** No upload has this id. */
        NOT_FOUND,
        /** The upload belongs to another user. */
        NOT_OWNER
    }
}
