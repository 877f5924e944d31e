package io.mailseal.policy;

import io.mailseal.keys.KeyType;
import java.util.List;

/** Which kind of encryption a recipient gets when keys of both kinds may exist. Setting {@code encryption.typePriority}. */
public enum TypePriority {
    /** S/MIME only; a PGP key is never used. */
    SMIME_ONLY(List.of(KeyType.SMIME)),
    /** S/MIME if the recipient has a certificate, otherwise PGP. The default. */
    SMIME_PREFERRED(List.of(KeyType.SMIME, KeyType.PGP)),
    /** PGP if the recipient has a key, otherwise S/MIME. */
    PGP_PREFERRED(List.of(KeyType.PGP, KeyType.SMIME)),
    /** PGP only; an S/MIME certificate is never used. */
    PGP_ONLY(List.of(KeyType.PGP));

    private final List<KeyType> order;

    TypePriority(List<KeyType> order) {
        this.order = order;
    }

    /**
     * The key types to try, in order.
     *
     * @return one or two types
     */
    public List<KeyType> order() {
        return order;
    }
}
