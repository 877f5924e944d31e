package io.mailseal.confluence.storage;

import io.mailseal.store.KeyDownloads;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import io.mailseal.testkit.store.KeyDownloadsContract;
import org.junit.jupiter.api.AfterEach;

/** The KeyDownloads contract against {@link AoKeyDownloads} on H2. */
class AoKeyDownloadsTest implements KeyDownloadsContract {

    private EntityManagerActiveObjects ao;

    @Override
    public KeyDownloads testee() {
        ao = AoDatabase.open();
        return new AoKeyDownloads(ao);
    }

    @AfterEach
    void closeDatabase() {
        if (ao != null) {
            ao.close();
        }
    }
}
