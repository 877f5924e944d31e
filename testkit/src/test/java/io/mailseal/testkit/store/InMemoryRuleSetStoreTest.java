package io.mailseal.testkit.store;

import io.mailseal.store.RuleSetStore;

class InMemoryRuleSetStoreTest extends RuleSetStoreContract {

    @Override
    protected RuleSetStore newStore() {
        return new InMemoryRuleSetStore();
    }
}
