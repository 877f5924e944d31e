package io.mailseal.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The admin's "verify settings" report for one address: every configured source asked afresh, what each said and
 * how long it took, every key found, the key that would be used per type, and each rejected key with its reason.
 *
 * <p>Immutable and thread-safe.
 *
 * @param address   the address verified
 * @param selected  per key type, the key that would be used (at most one S/MIME and one PGP)
 * @param responses every source's answer, S/MIME sources first, each in precedence order
 */
public record Verification(EmailAddress address, List<LookupResult.Found> selected, List<SourceResponse> responses) {

    /** Validates and copies. */
    public Verification {
        Objects.requireNonNull(address, "address");
        selected = List.copyOf(selected);
        responses = List.copyOf(responses);
    }

    /**
     * Every usable key any source offered, in source order.
     *
     * @return the candidates with their sources
     */
    public List<LookupResult.Found> candidates() {
        List<LookupResult.Found> candidates = new ArrayList<>();
        for (SourceResponse response : responses) {
            for (RecipientKey key : response.accepted()) {
                candidates.add(new LookupResult.Found(response.source(), key));
            }
        }
        return candidates;
    }

    /**
     * Every rejected key with its source.
     *
     * @return the rejections, in source order
     */
    public List<Rejected> rejected() {
        List<Rejected> rejected = new ArrayList<>();
        for (SourceResponse response : responses) {
            for (Rejection rejection : response.rejected()) {
                rejected.add(new Rejected(response.source(), rejection));
            }
        }
        return rejected;
    }

    /**
     * Whether a usable key was found for any type.
     *
     * @return true if something would be encrypted to
     */
    public boolean found() {
        return !selected.isEmpty();
    }

    /**
     * A rejected key and the source that offered it.
     *
     * @param source    the source
     * @param rejection the key and the reason
     */
    public record Rejected(SourceName source, Rejection rejection) {
    }
}
