package io.mailseal.store;

import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Secret;
import java.util.Optional;

/**
 * The recipients' own content passwords: what opens the PDF or ZIP a rule ({@code pdf}, {@code zip} without a
 * password of its own) sends them. A user sets theirs on their profile page.
 *
 * <p>Implementations keep passwords sealed at rest (never in plain text), are thread-safe, and compare addresses
 * ignoring case. One that cannot reach its storage throws an unchecked exception.
 */
public interface ContentPasswordStore {

    /**
     * The password of a recipient.
     *
     * @param recipient the address
     * @return the password, or empty if none is set
     */
    Optional<Secret> find(EmailAddress recipient);

    /**
     * Sets or replaces a recipient's password.
     *
     * @param recipient the address
     * @param password  the password; not empty
     */
    void set(EmailAddress recipient, Secret password);

    /**
     * Removes a recipient's password; nothing happens if none is set.
     *
     * @param recipient the address
     */
    void remove(EmailAddress recipient);
}
