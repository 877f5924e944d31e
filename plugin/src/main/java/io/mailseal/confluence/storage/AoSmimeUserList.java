package io.mailseal.confluence.storage;

import com.atlassian.activeobjects.external.ActiveObjects;
import io.mailseal.keys.EmailAddress;
import io.mailseal.store.SmimeUser;
import io.mailseal.store.SmimeUserList;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.java.ao.Query;

/**
 * The "S/MIME users" list in Active Objects ({@link AoSmimeUser}), one row per lower-cased address. Every access runs
 * in one {@link ActiveObjects#executeInTransaction}.
 *
 * <p>Thread-safe: no state of its own besides the injected service.
 */
public final class AoSmimeUserList implements SmimeUserList {

    private static final String BY_ADDRESS = AoSmimeUser.EMAIL_LOWER + " = ?";

    private final ActiveObjects ao;

    /**
     * Creates the list.
     *
     * @param ao the plugin's Active Objects (the {@code ao-module} declares {@link AoSmimeUser})
     */
    public AoSmimeUserList(ActiveObjects ao) {
        this.ao = Objects.requireNonNull(ao, "ao");
    }

    @Override
    public List<SmimeUser> users() {
        return ao.executeInTransaction(() -> Arrays.stream(ao.find(AoSmimeUser.class, Query.select()
                .order(AoSmimeUser.EMAIL_LOWER + " ASC"))).map(AoSmimeUserList::user).toList());
    }

    @Override
    public Optional<SmimeUser> find(EmailAddress address) {
        Objects.requireNonNull(address, "address");
        return ao.executeInTransaction(() -> Arrays.stream(ao.find(AoSmimeUser.class, Query.select()
                .where(BY_ADDRESS, address.canonical()))).findFirst().map(AoSmimeUserList::user));
    }

    @Override
    public void put(SmimeUser user) {
        Objects.requireNonNull(user, "user");
        ao.executeInTransaction(() -> {
            ao.deleteWithSQL(AoSmimeUser.class, BY_ADDRESS, user.address().canonical());
            Map<String, Object> row = new HashMap<>();
            row.put(AoSmimeUser.EMAIL, user.address().value());
            row.put(AoSmimeUser.EMAIL_LOWER, user.address().canonical());
            row.put(AoSmimeUser.NAME, user.name());
            row.put(AoSmimeUser.TEAM, user.team());
            row.put(AoSmimeUser.GIVEN_NAME, user.givenName().orElse(null));
            row.put(AoSmimeUser.SURNAME, user.surname().orElse(null));
            row.put(AoSmimeUser.UPDATED_AT, user.updated().toEpochMilli());
            ao.create(AoSmimeUser.class, row);
            return null;
        });
    }

    @Override
    public boolean remove(EmailAddress address) {
        Objects.requireNonNull(address, "address");
        return ao.executeInTransaction(() -> ao.deleteWithSQL(AoSmimeUser.class, BY_ADDRESS,
                address.canonical()) > 0);
    }

    /** One query for the page and one count, both on the lower-cased address column ({@code LIKE}, escaped). */
    @Override
    public Page search(String fragment, int offset, int limit) {
        SmimeUserList.checkPage(offset, limit);
        String pattern = "%" + Objects.requireNonNull(fragment, "fragment").strip().toLowerCase(Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        String where = AoSmimeUser.EMAIL_LOWER + " LIKE ? ESCAPE '!'";
        return ao.executeInTransaction(() -> {
            int total = ao.count(AoSmimeUser.class, Query.select().where(where, pattern));
            List<SmimeUser> users = Arrays.stream(ao.find(AoSmimeUser.class, Query.select().where(where, pattern)
                    .order(AoSmimeUser.EMAIL_LOWER + " ASC").offset(offset).limit(limit)))
                    .map(AoSmimeUserList::user).toList();
            return new Page(users, Math.max(total, users.size()));
        });
    }

    /** In one transaction: all or nothing. */
    @Override
    public int putAll(List<SmimeUser> entries, boolean replace) {
        List<SmimeUser> copy = List.copyOf(entries);
        return ao.executeInTransaction(() -> {
            int removed = 0;
            if (replace) {
                java.util.Set<String> kept = new java.util.HashSet<>();
                copy.forEach(user -> kept.add(user.address().canonical()));
                for (AoSmimeUser row : ao.find(AoSmimeUser.class, Query.select())) {
                    if (!kept.contains(row.getEmailLower())) {
                        removed += ao.deleteWithSQL(AoSmimeUser.class, BY_ADDRESS, row.getEmailLower());
                    }
                }
            }
            copy.forEach(this::put);
            return removed;
        });
    }

    @Override
    public String toString() {
        return "AoSmimeUserList";
    }

    private static SmimeUser user(AoSmimeUser row) {
        boolean named = row.getGivenName() != null || row.getSurname() != null;
        return new SmimeUser(EmailAddress.parse(row.getEmail()), row.getName(), row.isTeam(),
                named ? Optional.of(Objects.requireNonNullElse(row.getGivenName(), "")) : Optional.empty(),
                named ? Optional.of(Objects.requireNonNullElse(row.getSurname(), "")) : Optional.empty(),
                Instant.ofEpochMilli(row.getUpdatedAt()));
    }
}
