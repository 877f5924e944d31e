package io.mailseal.keys.select;

import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import java.util.List;

/**
 * The outcome of checking every candidate key for an address.
 *
 * <p>Immutable and thread-safe.
 *
 * @param accepted usable keys, best first (for S/MIME the newest notBefore, for OpenPGP the newest encryption key)
 * @param rejected every other candidate with its reason, in the order found
 */
public record Selection(List<RecipientKey> accepted, List<Rejection> rejected) {

    /** Copies the lists. */
    public Selection {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }
}
