package io.mailseal.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.rules.Endpoint;
import io.mailseal.rules.GroupMember;
import io.mailseal.store.GroupStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GroupStore} does. A store implementation subclasses this and supplies an empty store.
 */
public abstract class GroupStoreContract {

    private static final GroupMember ALICE = new Endpoint.Address(EmailAddress.parse("alice@company.com"));
    private static final GroupMember BOB = new Endpoint.Address(EmailAddress.parse("bob@company.com"));
    private static final GroupMember DOMAIN = new Endpoint.Domain("domain-a.com");

    /** The store under test. */
    protected GroupStore store;

    /**
     * An empty store.
     *
     * @return the store
     */
    protected abstract GroupStore newStore();

    @BeforeEach
    void emptyStore() {
        store = newStore();
    }

    @Test
    void aGroupHoldsExactlyTheMembersLastSetInOrder() {
        store.replace("lawyers", List.of(ALICE, BOB));

        store.replace("Lawyers", List.of(DOMAIN, ALICE));

        assertThat(store.groups().names()).containsExactly("Lawyers");
        assertThat(store.groups().members("LAWYERS")).contains(List.of(DOMAIN, ALICE));
        assertThat(store.groups().groupsOf(EmailAddress.parse("bob@company.com"))).isEmpty();
        assertThat(store.groups().groupsOf(EmailAddress.parse("carol@domain-a.com"))).containsExactly("Lawyers");
    }

    @Test
    void otherGroupsStayAsTheyAreAndAnEmptyListDeletesAGroup() {
        store.replace("lawyers", List.of(ALICE));
        store.replace("untouched", List.of(DOMAIN));

        store.replace("lawyers", List.of());

        assertThat(store.groups().names()).containsExactly("untouched");
        assertThat(store.groups().contains("lawyers")).isFalse();
    }
}
