package io.mailseal.testkit.store;

import io.mailseal.store.SettingsStore;

class InMemorySettingsStoreTest extends SettingsStoreContract {

    private InMemorySettingsStore memory;

    @Override
    protected SettingsStore newStore() {
        memory = new InMemorySettingsStore();
        return memory;
    }

    @Override
    protected void storeDocument(String json) {
        memory.storeDocument(json);
    }

    @Override
    protected String where() {
        return InMemorySettingsStore.WHERE;
    }
}
