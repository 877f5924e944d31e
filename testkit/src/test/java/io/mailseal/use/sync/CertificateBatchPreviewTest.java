package io.mailseal.use.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.ca.KeySpec;
import io.mailseal.ca.RevocationReason;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.store.InMemoryCertificateArchive;
import io.mailseal.testkit.store.InMemoryGroupStore;
import io.mailseal.testkit.store.InMemoryManagedKeyStore;
import io.mailseal.testkit.store.InMemoryRuleSetStore;
import io.mailseal.testkit.store.InMemorySmimeUserList;
import io.mailseal.testkit.store.InMemorySyncStateStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch's preview plans like the import and applies nothing; an admin's revocation carries its reason. */
class CertificateBatchPreviewTest {

    private static final EmailAddress JOHN = EmailAddress.parse("john.doe@company.com");
    private static final byte[] CSV = ("address,name,given name,surname,team,key type,key length,validity,reason\r\n"
            + "john.doe@company.com,John Doe,John,Doe,no,EC,256,P1Y,new\r\n"
            + "support@company.com,Support,,,yes,EC,256,P1Y,new\r\n"
            + "jane.roe@company.com,Jane Roe,Jane,Roe,no,EC,256,P1Y,new\r\n").getBytes(StandardCharsets.UTF_8);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T10:00:00Z"));
    private final InMemoryCertificateArchive archive = new InMemoryCertificateArchive();
    private final BuiltInCertificateAuthority ca = CertificateFixture.authority(archive, clock,
            CertificateFixture.profile(1000, KeySpec.EC_P256));
    private final SyncStores stores = new SyncStores(new InMemoryManagedKeyStore(), new InMemoryGroupStore(),
            new InMemoryRuleSetStore(), new InMemorySyncStateStore(), new InMemorySmimeUserList());
    private final SyncExecutor executor = new SyncExecutor(stores, new PgpKeyGenerator(CertificateFixture.CRYPTO,
            clock), new KeyFileImporter(CertificateFixture.CRYPTO, SyncExecutorTest.TEST_CODEC, clock),
            SyncExecutorTest.TEST_CODEC, 1, ca);

    @Test
    void thePreviewPlansEveryRowAgainstTheLimitAndCreatesNothing() {
        CertificateBatch batch = new CertificateBatch(executor, SmimeSyncSettings.DEFAULTS.withMaxLive(2), List.of(),
                clock);

        CertificateBatch.Result preview = batch.preview("batch.csv", CSV);

        assertThat(preview).isInstanceOfSatisfying(CertificateBatch.Result.Previewed.class, planned -> {
            assertThat(planned.rows()).isEqualTo(3);
            assertThat(planned.creates()).isEqualTo(2);
            assertThat(planned.live()).isZero();
            assertThat(planned.limit()).isEqualTo(2);
            assertThat(planned.overLimit()).isEqualTo(1);
            assertThat(planned.outcomes()).extracting(LineOutcome::prefix)
                    .containsExactly(LinePrefix.CREATE, LinePrefix.CREATE, LinePrefix.FAILED);
        });
        assertThat(archive.entries()).isEmpty();
        assertThat(stores.keys().findKeys(JOHN, KeyType.SMIME)).isEmpty();

        CertificateBatch.Result imported = batch.importBatch("batch.csv", CSV, SyncProgress.NONE,
                new SyncCancellation());
        assertThat(((CertificateBatch.Result.Executed) imported).runId()).startsWith("batch-");
        assertThat(archive.entries()).hasSize(2);
        assertThat(batch.preview("batch.csv", CSV)).isInstanceOfSatisfying(CertificateBatch.Result.Previewed.class,
                again -> assertThat(again.creates()).as("created ones are live now").isZero());
    }

    @Test
    void aPreviewOfABadFileNamesTheLineAndField() {
        CertificateBatch batch = new CertificateBatch(executor, SmimeSyncSettings.DEFAULTS, List.of(), clock);

        CertificateBatch.Result preview = batch.preview("batch.csv", new String(CSV, StandardCharsets.UTF_8)
                .replace("Support,,,yes", "Support,,,perhaps").getBytes(StandardCharsets.UTF_8));

        assertThat(preview).isInstanceOfSatisfying(CertificateBatch.Result.Invalid.class, invalid ->
                assertThat(invalid.problems()).singleElement().satisfies(problem -> {
                    assertThat(problem.line()).isEqualTo(3);
                    assertThat(problem.column()).hasValue(5);
                }));
    }

    @Test
    void anAdminsRevocationUsesItsReasonAndRemovesOnlyThatManagedKey() {
        new CertificateBatch(executor, SmimeSyncSettings.DEFAULTS, List.of(), clock).importBatch("batch.csv", CSV,
                SyncProgress.NONE, new SyncCancellation());
        IssuedCertificate john = ca.live().stream().filter(c -> c.address().equals(JOHN)).findFirst().orElseThrow();

        ActionResult result = executor.revokeNow(new SyncAction.RevokeCertificates(0, JOHN, List.of(john.serial()),
                RevocationReason.KEY_COMPROMISE));

        assertThat(result.status()).isEqualTo(ActionResult.Status.DONE);
        assertThat(archive.find(john.serial()).orElseThrow().findRevocation().orElseThrow().reason())
                .isEqualTo(RevocationReason.KEY_COMPROMISE);
        assertThat(stores.keys().findKeys(JOHN, KeyType.SMIME)).isEmpty();
        assertThat(stores.keys().findKeys(EmailAddress.parse("support@company.com"), KeyType.SMIME)).hasSize(1);
        assertThat(new SyncAction.RevokeCertificates(1, JOHN, List.of()).reason())
                .isEqualTo(RevocationReason.CESSATION_OF_OPERATION);
    }
}
