package io.mailseal.keys;

import java.time.Instant;
import java.util.Objects;

/**
 * What the admin sees of a key: its kind, identifier, subject and end of validity. Also the shape of a key in the
 * verification report's JSON.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type     S/MIME or PGP; not null
 * @param id       the certificate serial number in lower-case hex, or the OpenPGP primary key fingerprint in
 *                 upper-case hex; "?" when the data did not parse; not null
 * @param subject  the certificate's subject DN, or the OpenPGP user ID with the address; may be empty, not null
 * @param notAfter when the certificate or key expires; null if it never does or is unknown
 */
public record KeySummary(KeyType type, String id, String subject, Instant notAfter) {

    /** Validates the summary. */
    public KeySummary {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
    }

    /**
     * The summary of data that could not be parsed at all.
     *
     * @param type the kind of key that was expected
     * @return a summary with id "?"
     */
    public static KeySummary unparseable(KeyType type) {
        return new KeySummary(type, "?", "", null);
    }
}
