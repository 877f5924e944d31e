package io.mailseal.ca;

import java.util.List;
import java.util.Objects;

/**
 * An external CA's answer to a {@link SigningRequest} (the JSON object of the exchange in {@code docs/ca.md}).
 *
 * <p>Immutable value, thread-safe.
 *
 * @param requestId   the request's id
 * @param certificate the issued certificate as PEM
 * @param chain       the issuer certificates as PEM, nearest first; may be empty
 */
public record SigningResponse(String requestId, String certificate, List<String> chain) {

    /** Validates the values and copies the chain. */
    public SigningResponse {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(certificate, "certificate");
        chain = chain == null ? List.of() : List.copyOf(chain);
    }
}
