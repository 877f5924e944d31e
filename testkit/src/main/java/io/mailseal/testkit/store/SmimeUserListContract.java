package io.mailseal.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.store.SmimeUser;
import io.mailseal.store.SmimeUserList;
import java.time.Instant;
import java.util.List;
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

    @Test
    default void aSearchFindsAddressesContainingTheFragmentIgnoringCaseOnePageAtATime() {
        SmimeUserList list = testee();
        for (int i = 0; i < 7; i++) {
            list.put(user("user" + i + "@company.com", "User " + i, false));
        }
        list.put(user("Support@Other.example", "Support", true));
        list.put(user("under_score@company.com", "Under Score", false));

        SmimeUserList.Page first = list.search("COMPANY", 0, 3);
        SmimeUserList.Page last = list.search("company", 6, 3);

        assertThat(first.total()).isEqualTo(8);
        assertThat(first.users()).extracting(u -> u.address().value())
                .containsExactly("under_score@company.com", "user0@company.com", "user1@company.com");
        assertThat(last.users()).extracting(u -> u.address().value())
                .containsExactly("user5@company.com", "user6@company.com");
        assertThat(list.search("", 0, 500).total()).isEqualTo(9);
        assertThat(list.search("other.EXAMPLE", 0, 10).users()).extracting(SmimeUser::name).containsExactly("Support");
        assertThat(list.search("_", 0, 10).users()).as("an underscore is no wildcard")
                .extracting(SmimeUser::name).containsExactly("Under Score");
        assertThat(list.search("%", 0, 10).total()).as("nor is a percent sign").isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> list.search("", 0, SmimeUserList.MAX_PAGE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void putAllAddsAndReplacesAndWithReplaceRemovesEveryOtherEntry() {
        SmimeUserList list = testee();
        list.put(user("old@company.com", "Old", false));
        list.put(user("kept@company.com", "Kept", false));

        assertThat(list.putAll(List.of(user("KEPT@company.com", "Kept Again", true),
                user("new@company.com", "New", false)), false)).isZero();
        assertThat(list.users()).extracting(SmimeUser::name).containsExactly("Kept Again", "New", "Old");

        assertThat(list.putAll(List.of(user("new@company.com", "New", false)), true)).isEqualTo(2);
        assertThat(list.users()).extracting(SmimeUser::name).containsExactly("New");
    }
}
