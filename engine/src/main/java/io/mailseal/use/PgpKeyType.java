package io.mailseal.use;

import java.util.Locale;
import java.util.Optional;

/** The PGP key types a {@code pgp-state} line may ask for ({@code keytype:rsa}, {@code dsa} or {@code ed25519}). */
public enum PgpKeyType {
    /** RSA, 2048 or 4096 bits (1024 only where weak keys are allowed). */
    RSA("rsa"),
    /** DSA, at most 3072 bits by its standard (FIPS 186), so 1024 or 2048 here. */
    DSA("dsa"),
    /** Ed25519 (elliptic curve); its size is fixed, so a line with it has no key length. */
    ED25519("ed25519");

    private final String keyword;

    PgpKeyType(String keyword) {
        this.keyword = keyword;
    }

    /**
     * The type as the file writes it.
     *
     * @return e.g. {@code rsa}
     */
    public String keyword() {
        return keyword;
    }

    /**
     * The type a keyword names, ignoring case.
     *
     * @param keyword e.g. {@code RSA}
     * @return the type, or empty if none
     */
    public static Optional<PgpKeyType> find(String keyword) {
        String lower = keyword.toLowerCase(Locale.ROOT);
        for (PgpKeyType type : values()) {
            if (type.keyword.equals(lower)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
