package io.mailseal.testkit.store;

import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Secret;
import io.mailseal.store.ContentPasswordStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recipients' content passwords in memory, for tests and the command line (not sealed: nothing is at rest).
 *
 * <p>Thread-safe.
 */
public final class InMemoryContentPasswordStore implements ContentPasswordStore {

    private final Map<String, Secret> passwords = new ConcurrentHashMap<>();

    @Override
    public Optional<Secret> find(EmailAddress recipient) {
        return Optional.ofNullable(passwords.get(recipient.canonical()));
    }

    @Override
    public void set(EmailAddress recipient, Secret password) {
        if (Objects.requireNonNull(password, "password").isEmpty()) {
            throw new IllegalArgumentException("a content password is not empty");
        }
        passwords.put(recipient.canonical(), password);
    }

    @Override
    public void remove(EmailAddress recipient) {
        passwords.remove(recipient.canonical());
    }

    @Override
    public String toString() {
        return "InMemoryContentPasswordStore[" + passwords.size() + " passwords]";
    }
}
