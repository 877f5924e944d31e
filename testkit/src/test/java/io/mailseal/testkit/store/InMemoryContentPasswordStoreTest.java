package io.mailseal.testkit.store;

import io.mailseal.store.ContentPasswordStore;

class InMemoryContentPasswordStoreTest extends ContentPasswordStoreContract {

    @Override
    protected ContentPasswordStore newStore() {
        return new InMemoryContentPasswordStore();
    }
}
