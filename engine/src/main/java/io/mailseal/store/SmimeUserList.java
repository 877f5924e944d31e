package io.mailseal.store;

import io.mailseal.keys.EmailAddress;
import java.util.List;
import java.util.Optional;

/**
 * The "S/MIME users" list (the spec's "SwissSign users config"): the addresses whose certificates the WatchDog keeps
 * current. The USE sync puts an address on it for every {@code smime-state ... keystate:1} line and takes it off for
 * {@code keystate:0}; for the WatchDog stand-alone, an admin maintains it.
 *
 * <p>One entry per address, compared ignoring case. Implementations are thread-safe; one that cannot reach its
 * storage throws an unchecked exception.
 */
public interface SmimeUserList {

    /** A list that keeps nothing: for a sync without a certificate authority. */
    SmimeUserList NOT_KEPT = new SmimeUserList() {
        @Override
        public List<SmimeUser> users() {
            return List.of();
        }

        @Override
        public Optional<SmimeUser> find(EmailAddress address) {
            return Optional.empty();
        }

        @Override
        public void put(SmimeUser user) {
        }

        @Override
        public boolean remove(EmailAddress address) {
            return false;
        }
    };

    /**
     * Every entry.
     *
     * @return the entries, by canonical address; empty if none
     */
    List<SmimeUser> users();

    /**
     * The entry of an address.
     *
     * @param address the address (ignoring case)
     * @return the entry, or empty
     */
    Optional<SmimeUser> find(EmailAddress address);

    /**
     * Adds an entry, or replaces the entry of its address.
     *
     * @param user the entry; not null
     */
    void put(SmimeUser user);

    /**
     * Removes the entry of an address.
     *
     * @param address the address (ignoring case)
     * @return whether there was one
     */
    boolean remove(EmailAddress address);
}
