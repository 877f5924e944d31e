package io.mailseal.testkit.store;

import io.mailseal.store.ManagedKeyStore;

class InMemoryManagedKeyStoreTest extends ManagedKeyStoreContract {

    @Override
    protected ManagedKeyStore newStore() {
        return new InMemoryManagedKeyStore();
    }
}
