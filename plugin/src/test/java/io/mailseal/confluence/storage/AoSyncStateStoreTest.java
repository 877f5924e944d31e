package io.mailseal.confluence.storage;

import io.mailseal.store.SyncStateStore;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import io.mailseal.testkit.store.SyncStateStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The SyncStateStore contract against {@link AoSyncStateStore} on H2. */
class AoSyncStateStoreTest extends SyncStateStoreContract {

    private EntityManagerActiveObjects ao;

    @Override
    protected SyncStateStore newStore() {
        ao = AoDatabase.open();
        return new AoSyncStateStore(ao);
    }

    @AfterEach
    void closeDatabase() {
        ao.close();
    }
}
