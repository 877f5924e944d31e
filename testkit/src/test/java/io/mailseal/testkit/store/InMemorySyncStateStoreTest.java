package io.mailseal.testkit.store;

import io.mailseal.store.SyncStateStore;

class InMemorySyncStateStoreTest extends SyncStateStoreContract {

    @Override
    protected SyncStateStore newStore() {
        return new InMemorySyncStateStore();
    }
}
