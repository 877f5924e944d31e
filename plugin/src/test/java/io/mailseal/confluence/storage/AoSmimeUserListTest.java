package io.mailseal.confluence.storage;

import io.mailseal.store.SmimeUserList;
import io.mailseal.testkit.ao.EntityManagerActiveObjects;
import io.mailseal.testkit.store.SmimeUserListContract;
import org.junit.jupiter.api.AfterEach;

/** The SmimeUserList contract against {@link AoSmimeUserList} on H2. */
class AoSmimeUserListTest implements SmimeUserListContract {

    private EntityManagerActiveObjects ao;

    @Override
    public SmimeUserList testee() {
        ao = AoDatabase.open();
        return new AoSmimeUserList(ao);
    }

    @AfterEach
    void closeDatabase() {
        if (ao != null) {
            ao.close();
        }
    }
}
