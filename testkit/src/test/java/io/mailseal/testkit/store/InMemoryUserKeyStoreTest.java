package io.mailseal.testkit.store;

import io.mailseal.store.UserKeyUploads;
import java.time.Clock;

class InMemoryUserKeyStoreTest extends UserKeyUploadsContract {

    @Override
    protected UserKeyUploads newStore(Clock clock) {
        return new InMemoryUserKeyStore(clock);
    }
}
