package io.mailseal.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.store.UploadChange;
import io.mailseal.store.UploadedKey;
import io.mailseal.store.UserKeyUploads;
import io.mailseal.store.UserUpload;
import io.mailseal.testkit.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserKeyUploads} does. A store implementation subclasses this and supplies an empty store; the
 * in-memory store and the Active Objects store run the same tests.
 */
public abstract class UserKeyUploadsContract {

    /** The owners used here: Confluence user keys. */
    protected static final String ALICE = "8a7f808a8d5b1f9a018d5b1fb4f40000";
    /** A second user. */
    protected static final String BOB = "8a7f808a8d5b1f9a018d5b1fb4f40001";
    private static final EmailAddress ALICE_MAIL = EmailAddress.parse("Alice.Liddell@Example.COM");
    private static final EmailAddress BOB_MAIL = EmailAddress.parse("bob@example.com");

    /** The store's clock; starts at 2026-05-01T09:00:00.123Z. */
    protected ManualClock clock;
    /** The store under test. */
    protected UserKeyUploads store;

    /**
     * An empty store.
     *
     * @param clock the clock it must stamp uploads with
     * @return the store
     */
    protected abstract UserKeyUploads newStore(Clock clock);

    @BeforeEach
    void emptyStore() {
        clock = new ManualClock("2026-05-01T09:00:00.123456Z");
        store = newStore(clock);
    }

    @Test
    void anUploadRoundTripsByteForByteWithItsOwnerAddressTypeAndTime() {
        byte[] data = everyByte();

        UserUpload saved = done(store.save(ALICE, ALICE_MAIL, KeyType.SMIME, data));

        assertThat(store.uploadsOf(ALICE)).containsExactly(saved);
        assertThat(saved.owner()).isEqualTo(ALICE);
        assertThat(saved.address().value()).isEqualTo("Alice.Liddell@example.com");
        UploadedKey key = saved.key();
        assertThat(key.type()).isEqualTo(KeyType.SMIME);
        assertThat(key.data()).isEqualTo(data);
        assertThat(key.uploadedAt()).as("the clock's time, to the millisecond")
                .isEqualTo(Instant.parse("2026-05-01T09:00:00.123Z"));
    }

    @Test
    void lookupByAddressIgnoresCaseAndKeepsTheTypesApart() {
        UserUpload smime = done(store.save(ALICE, ALICE_MAIL, KeyType.SMIME, bytes("smime")));
        done(store.save(BOB, BOB_MAIL, KeyType.SMIME, bytes("bob")));

        List<UploadedKey> found = store.findUploads(EmailAddress.parse("alice.liddell@EXAMPLE.com"), KeyType.SMIME);

        assertThat(found).containsExactly(smime.key());
        assertThat(store.findUploads(ALICE_MAIL, KeyType.PGP)).isEmpty();
        assertThat(store.findUploads(EmailAddress.parse("nobody@example.com"), KeyType.SMIME)).isEmpty();
    }

    @Test
    void uploadsComeNewestFirst() {
        UserUpload first = done(store.save(ALICE, ALICE_MAIL, KeyType.PGP, bytes("first")));
        clock.advance(Duration.ofMinutes(1));
        UserUpload second = done(store.save(ALICE, ALICE_MAIL, KeyType.PGP, bytes("second")));
        UserUpload sameMillisecond = done(store.save(ALICE, ALICE_MAIL, KeyType.PGP, bytes("third")));

        assertThat(store.uploadsOf(ALICE)).containsExactly(sameMillisecond, second, first);
        assertThat(store.findUploads(ALICE_MAIL, KeyType.PGP))
                .containsExactly(sameMillisecond.key(), second.key(), first.key());
    }

    @Test
    void aUserListsOnlyTheirOwnUploads() {
        UserUpload alices = done(store.save(ALICE, ALICE_MAIL, KeyType.SMIME, bytes("alice")));
        UserUpload bobs = done(store.save(BOB, ALICE_MAIL, KeyType.SMIME, bytes("bob for alice's address")));

        assertThat(store.uploadsOf(ALICE)).containsExactly(alices);
        assertThat(store.uploadsOf(BOB)).containsExactly(bobs);
        assertThat(store.uploadsOf("someone-else")).isEmpty();
    }

    @Test
    void theOwnerRemovesTheirUpload() {
        UserUpload upload = done(store.save(ALICE, ALICE_MAIL, KeyType.SMIME, bytes("alice")));

        UploadChange removed = store.remove(ALICE, upload.id());

        assertThat(removed).isEqualTo(new UploadChange.Done(upload));
        assertThat(store.uploadsOf(ALICE)).isEmpty();
        assertThat(store.findUploads(ALICE_MAIL, KeyType.SMIME)).isEmpty();
    }

    @Test
    void aUserCannotRemoveAnotherUsersUploadAndTheResultSaysWhy() {
        UserUpload alices = done(store.save(ALICE, ALICE_MAIL, KeyType.SMIME, bytes("alice")));

        UploadChange change = store.remove(BOB, alices.id());

        assertThat(change).isInstanceOfSatisfying(UploadChange.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(UploadChange.Reason.NOT_OWNER);
            assertThat(refused.message()).contains(alices.id()).contains("belongs to another user");
        });
        assertThat(store.uploadsOf(ALICE)).containsExactly(alices);
    }

    @Test
    void removingAnIdThatNamesNoUploadSaysNotFound() {
        UserUpload upload = done(store.save(ALICE, ALICE_MAIL, KeyType.SMIME, bytes("alice")));
        done(store.remove(ALICE, upload.id()));

        for (String id : List.of(upload.id(), "999999", "not-a-number", "", "1 OR 1=1")) {
            assertThat(store.remove(ALICE, id)).as(id).isInstanceOfSatisfying(UploadChange.Refused.class,
                    refused -> assertThat(refused.reason()).isEqualTo(UploadChange.Reason.NOT_FOUND));
        }
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsSaved() {
        assertRefused(store.save(ALICE, ALICE_MAIL, KeyType.SMIME, new byte[0]), UploadChange.Reason.INVALID,
                "data: ");
        assertRefused(store.save(" ", ALICE_MAIL, KeyType.SMIME, bytes("x")), UploadChange.Reason.INVALID,
                "owner: ");
        assertRefused(store.save("k".repeat(UserKeyUploads.MAX_TEXT_LENGTH + 1), ALICE_MAIL, KeyType.SMIME,
                bytes("x")), UploadChange.Reason.INVALID, "owner: ");
        assertRefused(store.save(ALICE, EmailAddress.parse("a".repeat(64) + "@" + "d".repeat(200) + ".example.com"),
                KeyType.SMIME, bytes("x")), UploadChange.Reason.INVALID, "address: ");
        assertRefused(store.save(ALICE, ALICE_MAIL, KeyType.PGP, new byte[UserKeyUploads.MAX_UPLOAD_BYTES + 1]),
                UploadChange.Reason.TOO_LARGE, "data: ");

        assertThat(store.uploadsOf(ALICE)).isEmpty();
        assertThat(store.findUploads(ALICE_MAIL, KeyType.SMIME)).isEmpty();
    }

    @Test
    void theLargestAllowedUploadIsKept() {
        byte[] data = new byte[UserKeyUploads.MAX_UPLOAD_BYTES];
        data[data.length - 1] = 42;

        UserUpload saved = done(store.save(ALICE, ALICE_MAIL, KeyType.PGP, data));

        assertThat(store.uploadsOf(ALICE).get(0).key().data()).isEqualTo(data);
        assertThat(saved.key().data()).hasSize(UserKeyUploads.MAX_UPLOAD_BYTES);
    }

    @Test
    void aUserWithTheMostUploadsAllowedMustRemoveOneFirst() {
        for (int i = 0; i < UserKeyUploads.MAX_UPLOADS_PER_USER; i++) {
            done(store.save(ALICE, ALICE_MAIL, KeyType.SMIME, bytes("upload " + i)));
        }

        assertRefused(store.save(ALICE, ALICE_MAIL, KeyType.SMIME, bytes("one more")), UploadChange.Reason.TOO_MANY,
                "owner: ");
        assertThat(store.uploadsOf(ALICE)).hasSize(UserKeyUploads.MAX_UPLOADS_PER_USER);
        done(store.save(BOB, BOB_MAIL, KeyType.SMIME, bytes("bob is not limited by alice")));
        done(store.remove(ALICE, store.uploadsOf(ALICE).get(0).id()));
        done(store.save(ALICE, ALICE_MAIL, KeyType.SMIME, bytes("fits again")));
    }

    /**
     * The upload a change made, failing the test if it was refused.
     *
     * @param change the change
     * @return its upload
     */
    protected static UserUpload done(UploadChange change) {
        assertThat(change).as(change.toString()).isInstanceOf(UploadChange.Done.class);
        return ((UploadChange.Done) change).upload();
    }

    private static void assertRefused(UploadChange change, UploadChange.Reason reason, String messageStart) {
        assertThat(change).isInstanceOfSatisfying(UploadChange.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(reason);
            assertThat(refused.message()).startsWith(messageStart);
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] everyByte() {
        byte[] data = new byte[512];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        return data;
    }
}
