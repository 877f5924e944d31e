package io.mailseal.confluence.storage;

import io.mailseal.store.GroupStore;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import io.mailseal.testkit.store.GroupStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The GroupStore contract against {@link AoGroupStore} on H2. */
class AoGroupStoreTest extends GroupStoreContract {

    private EntityManagerActiveObjects ao;

    @Override
    protected GroupStore newStore() {
        ao = AoDatabase.open();
        return new AoGroupStore(ao);
    }

    @AfterEach
    void closeDatabase() {
        ao.close();
    }
}
