package io.mailseal.testkit.store;

import io.mailseal.store.KeyDownloads;

class InMemoryKeyDownloadsTest implements KeyDownloadsContract {

    @Override
    public KeyDownloads testee() {
        return new InMemoryKeyDownloads();
    }
}
