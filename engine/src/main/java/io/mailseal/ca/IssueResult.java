package io.mailseal.ca;

import java.util.Objects;

/**
 * The outcome of {@link CertificateAuthority#issue}: a certificate with its key, or the reason nothing was created.
 *
 * <p>Immutable values, thread-safe.
 */
public sealed interface IssueResult {

    /**
     * A certificate was created (one billable transaction).
     *
     * @param key the certificate, its private key and chain; not null
     */
    record Issued(CertifiedKey key) implements IssueResult {

        /** Validates the value. */
        public Issued {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Nothing was created.
     *
     * @param reason why; not null
     * @param detail a sentence for the report, naming the address or the limit; not null
     */
    record Refused(IssueRefusal reason, String detail) implements IssueResult {

        /** Validates the values. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
