package io.mailseal.testkit.store;

import io.mailseal.store.GroupStore;

class InMemoryGroupStoreTest extends GroupStoreContract {

    @Override
    protected GroupStore newStore() {
        return new InMemoryGroupStore();
    }
}
