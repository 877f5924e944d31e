package io.mailseal.store;

import io.mailseal.keys.EmailAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The "S/MIME users" list (the spec's "SwissSign users config"): the addresses whose certificates the WatchDog keeps
 * current. The USE sync puts an address on it for every {@code smime-state ... keystate:1} line and takes it off for
 * {@code keystate:0}; for the WatchDog stand-alone, an admin maintains it.
 *
 * <p>One entry per address, compared ignoring case. Implementations are thread-safe; one that cannot reach its
 * storage throws an unchecked exception. {@link #search} and {@link #putAll} have default implementations over
 * {@link #users()}, {@link #put} and {@link #remove}; a store that can should answer a page without reading every
 * entry and apply {@link #putAll} in one transaction.
 */
public interface SmimeUserList {

    /** The most entries one {@link #search} returns. */
    int MAX_PAGE = 500;

    /**
     * One page of a search.
     *
     * @param users the entries of the page, by canonical address
     * @param total how many entries match in all
     */
    record Page(List<SmimeUser> users, int total) {

        /** Copies. */
        public Page {
            users = List.copyOf(users);
            if (total < users.size()) {
                throw new IllegalArgumentException("total " + total + " is below the page's " + users.size());
            }
        }
    }

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

    /**
     * The entries whose address contains a fragment (ignoring case), one page at a time.
     *
     * @param fragment what the address contains; empty for every entry
     * @param offset   how many matching entries to skip; not negative
     * @param limit    how many to return at most; 1 to {@link #MAX_PAGE}
     * @return the page and the number of matching entries
     */
    default Page search(String fragment, int offset, int limit) {
        checkPage(offset, limit);
        String lower = Objects.requireNonNull(fragment, "fragment").strip().toLowerCase(Locale.ROOT);
        List<SmimeUser> matching = users().stream()
                .filter(user -> user.address().canonical().contains(lower)).toList();
        return new Page(matching.stream().skip(offset).limit(limit).toList(), matching.size());
    }

    /**
     * Adds or replaces every entry; with {@code replace}, also removes every entry whose address is not among them.
     *
     * @param entries the entries; one per address
     * @param replace whether the list becomes exactly these entries
     * @return how many entries were removed (0 without {@code replace})
     */
    default int putAll(List<SmimeUser> entries, boolean replace) {
        Set<String> kept = new HashSet<>();
        entries.forEach(user -> kept.add(user.address().canonical()));
        int removed = 0;
        if (replace) {
            for (SmimeUser old : users()) {
                if (!kept.contains(old.address().canonical()) && remove(old.address())) {
                    removed++;
                }
            }
        }
        entries.forEach(this::put);
        return removed;
    }

    /**
     * Checks a page request.
     *
     * @param offset how many to skip
     * @param limit  how many at most
     * @throws IllegalArgumentException if the offset is negative or the limit outside 1 to {@link #MAX_PAGE}
     */
    static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("offset " + offset + " and limit " + limit
                    + " must be >= 0 and 1.." + MAX_PAGE);
        }
    }
}
