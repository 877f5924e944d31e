package io.mailseal.confluence.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded scan of Confluence's users and the address shortcut built on it. */
class ConfluenceUsersTest {

    private final ManualClock clock = new ManualClock("2026-06-01T00:00:00Z");

    @Test
    void aScanReadsActiveUsersUpToTheCapAndSaysItWasCut() {
        InMemoryUsers users = new InMemoryUsers().add("alice", "alice@example.com", 2, true)
                .add("bob", "bob@example.com", 1, false).add("carol", "not an address", 1, true)
                .add("dave", "dave@example.com", 1, true);
        ConfluenceUsers known = new ConfluenceUsers(users.accessor(), users.crowd(), clock, Runnable::run, 3);

        ConfluenceUsers.Snapshot snapshot = known.scan().orElseThrow();

        assertThat(snapshot.users()).extracting(ConfluenceUsers.KnownUser::name).containsExactly("alice", "carol");
        assertThat(snapshot.users().get(1).address()).isNull();
        assertThat(snapshot.total()).isEqualTo(4);
        assertThat(snapshot.truncated()).isTrue();
        assertThat(users.lookups()).isEqualTo(3);
        assertThat(known.progress()).isEqualTo(new ConfluenceUsers.Progress(false, 3, 3));
    }

    @Test
    void theShortcutKnowsOnlyAddressesOfOneUserAndAsksForANewScanWhenItIsOld() {
        InMemoryUsers users = new InMemoryUsers().add("alice", "alice@example.com", 2, true)
                .add("al", "shared@example.com", 1, true).add("ally", "shared@example.com", 1, true);
        List<Runnable> queued = new ArrayList<>();
        ConfluenceUsers known = new ConfluenceUsers(users.accessor(), users.crowd(), clock, queued::add, 100);

        assertThat(known.directoryOf(EmailAddress.parse("alice@example.com"))).isEmpty();
        assertThat(queued).hasSize(1);
        assertThat(known.refresh()).as("one scan at a time").isFalse();
        queued.remove(0).run();

        assertThat(known.directoryOf(EmailAddress.parse("ALICE@example.com"))).hasValue(2);
        assertThat(known.directoryOf(EmailAddress.parse("shared@example.com"))).isEmpty();
        assertThat(queued).isEmpty();

        clock.advance(Duration.ofMinutes(ConfluenceUsers.MAX_AGE_MINUTES));
        assertThat(known.directoryOf(EmailAddress.parse("alice@example.com"))).hasValue(2);
        assertThat(queued).hasSize(1);
    }
}
