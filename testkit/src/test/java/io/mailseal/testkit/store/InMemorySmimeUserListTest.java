package io.mailseal.testkit.store;

import io.mailseal.store.SmimeUserList;

class InMemorySmimeUserListTest implements SmimeUserListContract {

    @Override
    public SmimeUserList testee() {
        return new InMemorySmimeUserList();
    }
}
