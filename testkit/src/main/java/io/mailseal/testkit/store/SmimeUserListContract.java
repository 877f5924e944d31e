package io.mailseal.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.store.SmimeUser;
import io.mailseal.store.SmimeUserList;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link SmimeUserList} does. Implement {@link #testee()} with an empty list. */
public interface SmimeUserListContract {

    /**
     * An empty list.
     *
     * @return the list under test
     */
    SmimeUserList testee();

    private static SmimeUser user(String address, String name, boolean team) {
        return new SmimeUser(EmailAddress.parse(address), name, team, Optional.empty(), Optional.empty(),
                Instant.parse("2026-06-01T10:00:00Z"));
    }

    @Test
    default void anEntryIsFoundByItsAddressIgnoringCaseAndReplacedByTheNextForThatAddress() {
        SmimeUserList list = testee();
        list.put(user("John.Doe@company.com", "John Doe", false));
        list.put(user("john.doe@COMPANY.com", "Johnny Doe", false));

        assertThat(list.users()).singleElement().extracting(SmimeUser::name).isEqualTo("Johnny Doe");
        assertThat(list.find(EmailAddress.parse("JOHN.DOE@company.com"))).map(SmimeUser::name).contains("Johnny Doe");
    }

    @Test
    default void removingSaysWhetherThereWasAnEntry() {
        SmimeUserList list = testee();
        list.put(user("support@company.com", "Support", true));

        assertThat(list.remove(EmailAddress.parse("SUPPORT@company.com"))).isTrue();
        assertThat(list.remove(EmailAddress.parse("support@company.com"))).isFalse();
        assertThat(list.users()).isEmpty();
    }

    @Test
    default void entriesComeInAddressOrderWithTheirNames() {
        SmimeUserList list = testee();
        list.put(user("b@company.com", "B Person", false));
        list.put(new SmimeUser(EmailAddress.parse("a@company.com"), "Ann Q", false, Optional.of("Ann"),
                Optional.of("Q"), Instant.parse("2026-06-01T10:00:00Z")));

        assertThat(list.users()).extracting(user -> user.address().value()).containsExactly("a@company.com",
                "b@company.com");
        assertThat(list.users().get(0).givenName()).contains("Ann");
    }
}
