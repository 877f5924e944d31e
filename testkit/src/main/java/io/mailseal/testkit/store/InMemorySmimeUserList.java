package io.mailseal.testkit.store;

import io.mailseal.keys.EmailAddress;
import io.mailseal.store.SmimeUser;
import io.mailseal.store.SmimeUserList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link SmimeUserList} in a sorted map, for tests and the sandbox. Thread-safe: every method is synchronized. */
public final class InMemorySmimeUserList implements SmimeUserList {

    private final TreeMap<String, SmimeUser> users = new TreeMap<>();

    @Override
    public synchronized List<SmimeUser> users() {
        return List.copyOf(users.values());
    }

    @Override
    public synchronized Optional<SmimeUser> find(EmailAddress address) {
        return Optional.ofNullable(users.get(address.canonical()));
    }

    @Override
    public synchronized void put(SmimeUser user) {
        Objects.requireNonNull(user, "user");
        users.put(user.address().canonical(), user);
    }

    @Override
    public synchronized boolean remove(EmailAddress address) {
        return users.remove(address.canonical()) != null;
    }
}
