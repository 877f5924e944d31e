package io.mailseal.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStatus;
import io.mailseal.store.ManagedKeyStore;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ManagedKeyStore} does. A store implementation subclasses this and supplies an empty store.
 */
public abstract class ManagedKeyStoreContract {

    private static final EmailAddress ALICE = EmailAddress.parse("Alice@Example.com");
    private static final EmailAddress BOB = EmailAddress.parse("bob@example.com");
    private static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");

    /** The store under test. */
    protected ManagedKeyStore store;

    /**
     * An empty store.
     *
     * @return the store
     */
    protected abstract ManagedKeyStore newStore();

    @BeforeEach
    void emptyStore() {
        store = newStore();
    }

    /**
     * A key for the tests.
     *
     * @param fingerprint its fingerprint
     * @param address     its address
     * @param type        its type
     * @param created     its creation time
     * @param sealed      the sealed secret, or null for none
     * @return the key
     */
    protected static ManagedKey key(String fingerprint, EmailAddress address, KeyType type, Instant created,
                                    String sealed) {
        return new ManagedKey(new ManagedKeyStatus(fingerprint, address, type, ManagedKey.Origin.GENERATED, created,
                Optional.of(created.plusSeconds(365L * 86400)), false, sealed != null),
                (fingerprint + "-public").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                Optional.ofNullable(sealed));
    }

    @Test
    void aSavedKeyRoundTripsWithItsSealedSecretAndIsFoundIgnoringCase() {
        ManagedKey key = key("AAAA", ALICE, KeyType.PGP, T0, "sealed:opaque");

        store.save(key);

        assertThat(store.findKeys(EmailAddress.parse("alice@EXAMPLE.com"), KeyType.PGP)).containsExactly(key);
        assertThat(store.findKeys(ALICE, KeyType.SMIME)).isEmpty();
        assertThat(store.findKeys(BOB, KeyType.PGP)).isEmpty();
    }

    @Test
    void keysComeNewestCreatedFirstAndSavingTheSameFingerprintReplaces() {
        ManagedKey old = key("AAAA", ALICE, KeyType.PGP, T0, null);
        ManagedKey newer = key("BBBB", ALICE, KeyType.PGP, T0.plusSeconds(60), null);
        store.save(old);
        store.save(newer);
        ManagedKey replaced = key("AAAA", ALICE, KeyType.PGP, T0, "sealed:now-with-secret");

        store.save(replaced);

        assertThat(store.findKeys(ALICE, KeyType.PGP)).containsExactly(newer, replaced);
    }

    @Test
    void statusesListEveryKeyOfATypeWithoutKeyMaterial() {
        store.save(key("AAAA", ALICE, KeyType.PGP, T0, null));
        store.save(key("BBBB", BOB, KeyType.PGP, T0, "sealed"));
        store.save(key("CCCC", BOB, KeyType.SMIME, T0, null));

        assertThat(store.statuses(KeyType.PGP)).extracting(ManagedKeyStatus::fingerprint)
                .containsExactlyInAnyOrder("AAAA", "BBBB");
        assertThat(store.statuses(KeyType.SMIME)).extracting(ManagedKeyStatus::fingerprint).containsExactly("CCCC");
    }

    @Test
    void deletingRemovesEveryKeyOfTheAddressAndTypeAndSaysWhich() {
        store.save(key("AAAA", ALICE, KeyType.PGP, T0, null));
        store.save(key("BBBB", ALICE, KeyType.PGP, T0, "sealed"));
        store.save(key("CCCC", ALICE, KeyType.SMIME, T0, null));
        store.save(key("DDDD", BOB, KeyType.PGP, T0, null));

        assertThat(store.deleteKeys(EmailAddress.parse("ALICE@example.com"), KeyType.PGP))
                .extracting(ManagedKeyStatus::fingerprint).containsExactlyInAnyOrder("AAAA", "BBBB");

        assertThat(store.findKeys(ALICE, KeyType.PGP)).isEmpty();
        assertThat(store.findKeys(ALICE, KeyType.SMIME)).hasSize(1);
        assertThat(store.findKeys(BOB, KeyType.PGP)).hasSize(1);
        assertThat(store.deleteKeys(ALICE, KeyType.PGP)).isEmpty();
    }
}
