package io.mailseal.keys;

import java.util.Objects;

/**
 * A key that was found but is not used, and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key    the key as the admin sees it; not null
 * @param reason the rule it breaks; not null
 * @param detail the specifics in plain words (for example "expired on 2021-01-01T00:00:00Z"); not null, may be empty
 */
public record Rejection(KeySummary key, RejectionReason reason, String detail) {

    /** Validates the rejection. */
    public Rejection {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
