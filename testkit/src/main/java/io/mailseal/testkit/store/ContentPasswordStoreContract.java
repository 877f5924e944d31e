package io.mailseal.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.keys.EmailAddress;
import io.mailseal.settings.Secret;
import io.mailseal.store.ContentPasswordStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ContentPasswordStore} does. A store implementation subclasses this and supplies an empty store.
 */
public abstract class ContentPasswordStoreContract {

    private static final EmailAddress ALICE = EmailAddress.parse("alice@company.com");
    private static final EmailAddress BOB = EmailAddress.parse("bob@company.com");

    /** The store under test. */
    protected ContentPasswordStore store;

    /**
     * An empty store.
     *
     * @return the store
     */
    protected abstract ContentPasswordStore newStore();

    @BeforeEach
    void emptyStore() {
        store = newStore();
    }

    @Test
    void aRecipientWithoutAPasswordHasNone() {
        assertThat(store.find(ALICE)).isEmpty();
    }

    @Test
    void thePasswordLastSetIsFoundIgnoringTheCaseOfTheAddress() {
        store.set(ALICE, Secret.of("first password 1"));

        store.set(EmailAddress.parse("Alice@Company.COM"), Secret.of("second password 2"));

        assertThat(store.find(ALICE)).contains(Secret.of("second password 2"));
        assertThat(store.find(EmailAddress.parse("ALICE@company.com"))).contains(Secret.of("second password 2"));
        assertThat(store.find(BOB)).isEmpty();
    }

    @Test
    void removingTakesOnlyThatRecipientsPasswordAndRemovingNoneIsHarmless() {
        store.set(ALICE, Secret.of("alice password 1"));
        store.set(BOB, Secret.of("bob password 22"));

        store.remove(EmailAddress.parse("ALICE@company.com"));
        store.remove(ALICE);

        assertThat(store.find(ALICE)).isEmpty();
        assertThat(store.find(BOB)).contains(Secret.of("bob password 22"));
    }

    @Test
    void anEmptyPasswordIsRefused() {
        assertThatThrownBy(() -> store.set(ALICE, Secret.empty())).isInstanceOf(IllegalArgumentException.class);

        assertThat(store.find(ALICE)).isEmpty();
    }
}
