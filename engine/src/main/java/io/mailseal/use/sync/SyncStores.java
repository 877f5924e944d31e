package io.mailseal.use.sync;

import io.mailseal.store.GroupStore;
import io.mailseal.store.ManagedKeyStore;
import io.mailseal.store.RuleSetStore;
import io.mailseal.store.SmimeUserList;
import io.mailseal.store.SyncStateStore;
import java.util.Objects;

/**
 * The stores a sync reads and changes.
 *
 * <p>Immutable; thread-safe if the stores are.
 *
 * @param keys   the managed keys
 * @param groups the live groups
 * @param rules  the live rule set
 * @param state  processed and incomplete files, run history
 * @param smimeUsers the "S/MIME users" list the WatchDog renews ({@link SmimeUserList#NOT_KEPT} without a CA)
 */
public record SyncStores(ManagedKeyStore keys, GroupStore groups, RuleSetStore rules, SyncStateStore state,
                         SmimeUserList smimeUsers) {

    /** Validates. */
    public SyncStores {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(smimeUsers, "smimeUsers");
    }

    /**
     * The stores of a sync that keeps no S/MIME users list (no certificate authority).
     *
     * @param keys   the managed keys
     * @param groups the live groups
     * @param rules  the live rule set
     * @param state  processed and incomplete files, run history
     */
    public SyncStores(ManagedKeyStore keys, GroupStore groups, RuleSetStore rules, SyncStateStore state) {
        this(keys, groups, rules, state, SmimeUserList.NOT_KEPT);
    }

    /**
     * The current state for the reconciler, read now.
     *
     * @return the snapshot
     */
    public SyncState snapshot() {
        return SyncState.of(keys.statuses(io.mailseal.keys.KeyType.PGP), groups.groups(), rules.live());
    }
}
