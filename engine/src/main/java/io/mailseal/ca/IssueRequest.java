package io.mailseal.ca;

import java.util.Objects;
import java.util.Optional;

/**
 * What to issue: the address as the import file or admin gave it, the holder and, optionally, the key type.
 *
 * <p>Immutable value, thread-safe.
 *
 * @param address the mailbox, e.g. {@code alice@example.org}; not null; checked by the CA (an address that is not
 *                an ASCII addr-spec is refused with {@link IssueRefusal#ADDRESS_INVALID})
 * @param holder  the person or team; not null
 * @param keySpec the key to create, or null for the CA's default ({@link CaProfile#defaultKey()})
 */
public record IssueRequest(String address, Holder holder, KeySpec keySpec) {

    /** Validates the values. */
    public IssueRequest {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(holder, "holder");
    }

    /**
     * A request for the CA's default key type.
     *
     * @param address the mailbox
     * @param holder  the person or team
     * @return the request
     */
    public static IssueRequest of(String address, Holder holder) {
        return new IssueRequest(address, holder, null);
    }

    /**
     * The requested key type, if any.
     *
     * @return the key type, or empty for the default
     */
    public Optional<KeySpec> findKeySpec() {
        return Optional.ofNullable(keySpec);
    }
}
