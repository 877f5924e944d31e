package io.mailseal.store;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import java.time.Instant;
import java.util.Objects;

/**
 * One download of a managed key by its owner (the profile page's "Keys Mailseal manages for you"): who, which key,
 * in which file format, when. Never holds key material or a passphrase.
 *
 * <p>Immutable and thread-safe.
 *
 * @param downloadedAt when the file was made and handed out; not null
 * @param userKey      the Confluence user key of the user who downloaded it; not blank
 * @param address      the address the key is managed for (the user's profile address); not null
 * @param type         S/MIME or PGP; not null
 * @param fingerprint  the managed key's fingerprint as {@link ManagedKeyStatus#fingerprint()} gives it; not blank
 * @param format       the file format, e.g. {@code pkcs12-modern}, {@code pkcs12-legacy}, {@code openpgp-armored};
 *                     not blank
 */
public record KeyDownload(Instant downloadedAt, String userKey, EmailAddress address, KeyType type,
                          String fingerprint, String format) {

    /** Validates. */
    public KeyDownload {
        Objects.requireNonNull(downloadedAt, "downloadedAt");
        requireText(userKey, "userKey");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        requireText(fingerprint, "fingerprint");
        requireText(format, "format");
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
