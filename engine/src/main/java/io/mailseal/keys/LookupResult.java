package io.mailseal.keys;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The key Mailseal will use for one recipient and key type, and what every source asked said.
 *
 * <p>Immutable and thread-safe.
 *
 * @param address   the recipient
 * @param type      S/MIME or PGP
 * @param selected  the key to encrypt to, from the first source (in precedence order) that had a usable one; empty if
 *                  none did
 * @param responses the answers of the sources asked, in precedence order (sources after the one that answered are
 *                  not asked)
 */
public record LookupResult(EmailAddress address, KeyType type, Optional<Found> selected,
                           List<SourceResponse> responses) {

    /**
     * A usable key and where it came from.
     *
     * @param source the source that answered
     * @param key    the key
     */
    public record Found(SourceName source, RecipientKey key) {

        /** Validates the pair. */
        public Found {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(key, "key");
        }
    }

    /** Validates and copies. */
    public LookupResult {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(selected, "selected");
        responses = List.copyOf(responses);
    }

    /**
     * Whether the lookup found no key while a source failed: the key may exist, so mail that needs it should be
     * retried later rather than sent under the "no key" policy.
     *
     * @return true if no key was found and any source answered with an error
     */
    public boolean transientFailure() {
        return selected.isEmpty()
                && responses.stream().anyMatch(response -> response.status() == SourceResponse.Status.ERROR);
    }
}
