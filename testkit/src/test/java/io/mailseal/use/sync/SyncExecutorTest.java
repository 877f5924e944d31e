package io.mailseal.use.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.KeyFileFormat;
import io.mailseal.keys.source.ManagedKeySource;
import io.mailseal.rules.Endpoint;
import io.mailseal.rules.RuleSet;
import io.mailseal.settings.Checked;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStatus;
import io.mailseal.store.ManagedKeyStore;
import io.mailseal.testkit.store.InMemoryGroupStore;
import io.mailseal.testkit.store.InMemoryManagedKeyStore;
import io.mailseal.testkit.store.InMemoryRuleSetStore;
import io.mailseal.testkit.store.InMemorySyncStateStore;
import io.mailseal.use.RunOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SyncExecutorTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final EmailAddress JOHN = EmailAddress.parse("john.doe@company.com");
    private static final EmailAddress ED = EmailAddress.parse("ed@company.com");
    private static final EmailAddress BROKEN = EmailAddress.parse("broken@company.com");
    private static final EmailAddress GONE = EmailAddress.parse("gone@company.com");

    /** Seals by wrapping the value with its field, so a test sees that and under which name a secret was sealed. */
    static final SecretCodec TEST_CODEC = new SecretCodec() {
        @Override
        public String seal(String field, Secret secret) {
            return "sealed[" + field + "]" + new StringBuilder(secret.reveal()).reverse();
        }

        @Override
        public Checked<Secret> open(String field, String stored) {
            String prefix = "sealed[" + field + "]";
            return new Checked.Valid<>(Secret.of(new StringBuilder(stored.substring(prefix.length())).reverse()
                    .toString()));
        }
    };

    /** Refuses to store keys of one address, like a database that fails for one row. */
    private static final class FailingFor implements ManagedKeyStore {
        private final ManagedKeyStore delegate = new InMemoryManagedKeyStore();

        @Override
        public List<ManagedKey> findKeys(EmailAddress address, KeyType type) {
            return delegate.findKeys(address, type);
        }

        @Override
        public List<ManagedKeyStatus> statuses(KeyType type) {
            return delegate.statuses(type);
        }

        @Override
        public void save(ManagedKey key) {
            if (key.address().equals(BROKEN)) {
                throw new IllegalStateException("database refused the row");
            }
            delegate.save(key);
        }

        @Override
        public List<ManagedKeyStatus> deleteKeys(EmailAddress address, KeyType type) {
            return delegate.deleteKeys(address, type);
        }
    }

    private final FailingFor keys = new FailingFor();
    private final SyncStores stores = new SyncStores(keys, new InMemoryGroupStore(), new InMemoryRuleSetStore(),
            new InMemorySyncStateStore());
    private final CryptoRuntime crypto = CryptoRuntime.create();
    private final SyncExecutor executor = new SyncExecutor(stores, new PgpKeyGenerator(crypto, CLOCK),
            new KeyFileImporter(crypto, TEST_CODEC, CLOCK), TEST_CODEC, 2);

    private static SyncAction.CreatePgpKey create(int line, EmailAddress address, PgpKeyGenerator.Algorithm algorithm,
                                                  int bits) {
        return new SyncAction.CreatePgpKey(line, new PgpKeyGenerator.Spec(address, "User " + line, Optional.empty(),
                algorithm, bits, 1));
    }

    private static SyncPlan plan(List<SyncAction> actions) {
        List<LineOutcome> lines = actions.stream().filter(action -> action.line() > 0)
                .map(action -> LineOutcome.of(action.line(), "line " + action.line(), LinePrefix.CREATE, "planned"))
                .toList();
        return new SyncPlan("t.useimport", SyncPlan.Kind.USE_IMPORT, lines, actions, RunOptions.NONE);
    }

    @Test
    void appliesEveryActionRecordsTheFailureOfOneLineAndGoesOnWithTheRest() {
        stores.keys().save(new ManagedKey(new ManagedKeyStatus("OLD", GONE, KeyType.PGP, ManagedKey.Origin.GENERATED,
                NOW, Optional.empty(), false, false), new byte[] {1}, Optional.empty()));
        SyncPlan plan = plan(List.of(
                create(1, JOHN, PgpKeyGenerator.Algorithm.RSA, 2048),
                create(2, BROKEN, PgpKeyGenerator.Algorithm.ED25519, 0),
                create(3, ED, PgpKeyGenerator.Algorithm.ED25519, 0),
                new SyncAction.DeletePgpKeys(4, GONE, List.of("OLD")),
                new SyncAction.SetGroup(5, "legal", List.of(new Endpoint.Domain("lawfirm.example")), List.of()),
                new SyncAction.ReplaceRules(0, RuleSet.EMPTY)));
        List<Integer> progress = new CopyOnWriteArrayList<>();

        Execution execution = executor.execute(plan, (file, done, total) -> progress.add(done * 100 + total),
                new SyncCancellation());

        assertThat(execution.results()).extracting(ActionResult::status).containsExactly(ActionResult.Status.DONE,
                ActionResult.Status.FAILED, ActionResult.Status.DONE, ActionResult.Status.DONE,
                ActionResult.Status.DONE, ActionResult.Status.DONE);
        assertThat(execution.outcomes().get(1).render()).isEqualTo(
                "(!) line 2  -- making a key for broken@company.com failed: database refused the row");
        assertThat(execution.outcomes().get(0).render()).startsWith("(+) line 1  -- planned; made key ")
                .contains(", valid until 2027-06-01T10:00:00Z");
        assertThat(progress).containsExactlyInAnyOrder(106, 206, 306, 406, 506, 606);
        assertThat(stores.keys().findKeys(GONE, KeyType.PGP)).isEmpty();
        assertThat(stores.groups().groups().groupsOf(EmailAddress.parse("x@lawfirm.example")))
                .containsExactly("legal");
        ManagedKey john = stores.keys().findKeys(JOHN, KeyType.PGP).get(0);
        assertThat(john.status().expires()).contains(NOW.atOffset(ZoneOffset.UTC).plusYears(1).toInstant());
        assertThat(john.sealedSecret().orElseThrow())
                .as("sealed under the key's own field name, never stored as it came")
                .startsWith("sealed[managed.pgp." + john.fingerprint() + "]")
                .doesNotContain("BEGIN PGP PRIVATE KEY BLOCK");
        assertThat(TEST_CODEC.open(ManagedKey.secretField(KeyType.PGP, john.fingerprint()),
                john.sealedSecret().get()).value().orElseThrow().reveal())
                .startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    }

    @Test
    void aMadeKeyIsTheAddresssManagedKeyForEncryption() {
        executor.execute(plan(List.of(create(1, ED, PgpKeyGenerator.Algorithm.ED25519, 0))), SyncProgress.NONE,
                new SyncCancellation());

        SourceResponse response = new ManagedKeySource<>(stores.keys(), KeyFileFormat.pgp(CLOCK)).lookup(ED);

        assertThat(response.source()).isEqualTo(SourceName.MANAGED);
        assertThat(response.accepted()).singleElement().satisfies(key ->
                assertThat(key.summary().subject()).isEqualTo("User 1 <ed@company.com>"));
    }

    @Test
    void afterCancellationNothingMoreIsStartedAndEveryActionSaysSo() {
        SyncCancellation cancellation = new SyncCancellation();
        cancellation.cancel();

        Execution execution = executor.execute(plan(List.of(create(1, ED, PgpKeyGenerator.Algorithm.ED25519, 0),
                new SyncAction.SetGroup(2, "legal", List.of(new Endpoint.Domain("x.org")), List.of()))),
                SyncProgress.NONE, cancellation);

        assertThat(execution.results()).extracting(ActionResult::status)
                .containsOnly(ActionResult.Status.CANCELLED);
        assertThat(execution.outcomes()).extracting(LineOutcome::render).containsExactly(
                "(!) line 1  -- cancelled before it was done", "(!) line 2  -- cancelled before it was done");
        assertThat(stores.keys().findKeys(ED, KeyType.PGP)).isEmpty();
        assertThat(stores.groups().groups().names()).isEmpty();
    }
}
