package io.mailseal.confluence.storage;

import io.mailseal.store.ManagedKeyStore;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import io.mailseal.testkit.store.ManagedKeyStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The ManagedKeyStore contract against {@link AoManagedKeyStore} on H2. */
class AoManagedKeyStoreTest extends ManagedKeyStoreContract {

    private EntityManagerActiveObjects ao;

    @Override
    protected ManagedKeyStore newStore() {
        ao = AoDatabase.open();
        return new AoManagedKeyStore(ao);
    }

    @AfterEach
    void closeDatabase() {
        ao.close();
    }
}
