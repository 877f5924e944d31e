package io.mailseal.ca;

import java.security.KeyPair;
import java.util.Objects;

/**
 * A {@link SigningRequest} sent to an external CA and the key pair it was made with, kept (sealed, by the caller)
 * until the response arrives.
 *
 * <p>Immutable value, thread-safe. {@link #toString()} never shows the key.
 *
 * @param request the request as sent; not null
 * @param keys    the key pair whose public key the CSR carries; not null
 */
public record PendingRequest(SigningRequest request, KeyPair keys) {

    /** Validates the values. */
    public PendingRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(keys, "keys");
    }

    /** The request only; never the key. */
    @Override
    public String toString() {
        return "PendingRequest[requestId=" + request.requestId() + ", address=" + request.address()
                + ", keys=(hidden)]";
    }
}
