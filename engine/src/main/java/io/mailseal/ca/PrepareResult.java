package io.mailseal.ca;

import java.util.Objects;

/**
 * The outcome of {@link SigningRequests#prepare}: a request to send, or why none can be made.
 *
 * <p>Immutable values, thread-safe.
 */
public sealed interface PrepareResult {

    /**
     * The request is ready.
     *
     * @param pending the request and its key pair; not null
     */
    record Prepared(PendingRequest pending) implements PrepareResult {

        /** Validates the value. */
        public Prepared {
            Objects.requireNonNull(pending, "pending");
        }
    }

    /**
     * No request was made.
     *
     * @param reason why ({@link IssueRefusal#ADDRESS_INVALID} or {@link IssueRefusal#NAME_INVALID}); not null
     * @param detail a sentence naming the address; not null
     */
    record Refused(IssueRefusal reason, String detail) implements PrepareResult {

        /** Validates the values. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
