package io.mailseal.crypto.smime;

import java.util.Objects;

/**
 * The outcome of {@link SigningIdentity#fromPkcs12(byte[], char[])}: the identity, or the problem in plain words.
 *
 * <p>Immutable values, thread-safe.
 */
public sealed interface Pkcs12Result {

    /**
     * The identity was read.
     *
     * @param identity the signing identity; not null
     */
    record Loaded(SigningIdentity identity) implements Pkcs12Result {

        /** Validates the identity. */
        public Loaded {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * No identity could be read.
     *
     * @param problem what went wrong; not null
     * @param detail  a sentence for the admin, naming the alias or the failure, never the password; not null
     */
    record Failed(Pkcs12Problem problem, String detail) implements Pkcs12Result {

        /** Validates the values. */
        public Failed {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
