package io.mailseal.store;

import io.mailseal.keys.EmailAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the "S/MIME users" list: an address whose last {@code smime-state} was {@code keystate:1} (or that an
 * admin listed), with the names its certificates carry. The WatchDog renews (and in unchained mode creates) their
 * certificates.
 *
 * <p>Immutable value, thread-safe.
 *
 * @param address   the address; not null
 * @param name      the full or team name ({@code name:}); not blank
 * @param team      whether its certificate is a team certificate ({@code teamcert:1})
 * @param givenName the given name of a personal certificate; present exactly when {@code surname} is
 * @param surname   the surname of a personal certificate
 * @param updated   when the entry was last set; not null
 */
public record SmimeUser(EmailAddress address, String name, boolean team, Optional<String> givenName,
                        Optional<String> surname, Instant updated) {

    /** Validates. */
    public SmimeUser {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank for " + address);
        }
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(surname, "surname");
        if (givenName.isPresent() != surname.isPresent()) {
            throw new IllegalArgumentException("given name and surname come together for " + address);
        }
        if (team && givenName.isPresent()) {
            throw new IllegalArgumentException("a team entry has no given name and surname: " + address);
        }
        Objects.requireNonNull(updated, "updated");
    }
}
