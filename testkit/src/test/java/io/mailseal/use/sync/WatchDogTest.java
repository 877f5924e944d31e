package io.mailseal.use.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.ca.BuiltInCertificateAuthority;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.ca.KeySpec;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.store.SmimeUser;
import io.mailseal.testkit.ManualClock;
import io.mailseal.testkit.store.InMemoryCertificateArchive;
import io.mailseal.testkit.store.InMemoryGroupStore;
import io.mailseal.testkit.store.InMemoryManagedKeyStore;
import io.mailseal.testkit.store.InMemoryRuleSetStore;
import io.mailseal.testkit.store.InMemorySmimeUserList;
import io.mailseal.testkit.store.InMemorySyncStateStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The WatchDog with a manual clock: before and after the renewal buffer, chained and unchained, both modes. */
class WatchDogTest {

    private static final EmailAddress JOHN = EmailAddress.parse("john.doe@company.com");
    private static final EmailAddress SUPPORT = EmailAddress.parse("support@company.com");
    private static final EmailAddress ADMIN = EmailAddress.parse("admin@company.com");
    private static final Instant START = Instant.parse("2026-06-01T10:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final BuiltInCertificateAuthority ca = CertificateFixture.authority(new InMemoryCertificateArchive(),
            clock, CertificateFixture.profile(1000, KeySpec.EC_P256));
    private final InMemorySmimeUserList users = new InMemorySmimeUserList();
    private final SyncStores stores = new SyncStores(new InMemoryManagedKeyStore(), new InMemoryGroupStore(),
            new InMemoryRuleSetStore(), new InMemorySyncStateStore(), users);
    private final SyncExecutor executor = new SyncExecutor(stores, new PgpKeyGenerator(CertificateFixture.CRYPTO,
            clock), new KeyFileImporter(CertificateFixture.CRYPTO, SyncExecutorTest.TEST_CODEC, clock),
            SyncExecutorTest.TEST_CODEC, 1, ca);
    private final SmimeSyncSettings automatic = SmimeSyncSettings.DEFAULTS.withMaxLive(1000);

    {
        users.put(new SmimeUser(JOHN, "John Doe", false, Optional.empty(), Optional.empty(), START));
        users.put(new SmimeUser(SUPPORT, "Support", true, Optional.empty(), Optional.empty(), START));
    }

    private WatchDog watchDog(SmimeSyncSettings settings, WatchDog.Chaining chaining) {
        return new WatchDog(users, executor, settings.withMaxLive(settings.maxLive()), chaining, List.of(ADMIN),
                clock);
    }

    private static List<String> rendered(WatchDog.Result result) {
        return result.execution().outcomes().stream().map(LineOutcome::render).toList();
    }

    private IssuedCertificate liveOf(EmailAddress address) {
        return ca.live().stream().filter(c -> c.address().equals(address)).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void chainedModeCreatesNoFirstCertificateAndUnchainedModeDoes() throws Exception {
        WatchDog.Result chained = watchDog(automatic, WatchDog.Chaining.CHAINED).run(SyncProgress.NONE,
                new SyncCancellation());

        assertThat(ca.live()).isEmpty();
        assertThat(chained.report()).isEmpty();
        assertThat(rendered(chained)).allMatch(line -> line.startsWith("(%) ") && line.contains("chained mode"));

        WatchDog.Result unchained = watchDog(automatic, WatchDog.Chaining.UNCHAINED).run(SyncProgress.NONE,
                new SyncCancellation());

        assertThat(ca.live()).extracting(IssuedCertificate::address).containsExactlyInAnyOrder(JOHN, SUPPORT);
        assertThat(rendered(unchained)).allMatch(line -> line.startsWith("(+) "));
        assertThat(liveOf(SUPPORT).holder().team()).isTrue();
        assertThat(stores.keys().findKeys(JOHN, KeyType.SMIME)).hasSize(1);
        SmimeReport report = unchained.report().orElseThrow();
        assertThat(report.text()).contains("2 created, 0 revoked").contains("serial " + liveOf(JOHN).serialHex())
                .contains("CN=John Doe");
        assertThat(report.recipients()).isEmpty();
        assertThat(CertificateZips.publicCertificatesOnly(report.attachments().get(0).content()))
                .hasSize(2);
    }

    @Test
    void aCertificateIsRenewedOnceItExpiresWithin48HoursAndNotASecondBefore() {
        watchDog(automatic, WatchDog.Chaining.UNCHAINED).run(SyncProgress.NONE, new SyncCancellation());
        IssuedCertificate first = liveOf(JOHN);
        WatchDog chained = watchDog(automatic, WatchDog.Chaining.CHAINED);

        clock.advance(Duration.between(clock.instant(), first.notAfter().minus(Duration.ofHours(48)).minusSeconds(1)));
        WatchDog.Result atTheEdge = chained.run(SyncProgress.NONE, new SyncCancellation());

        assertThat(atTheEdge.report()).isEmpty();
        assertThat(rendered(atTheEdge)).allMatch(line -> line.startsWith("(%) "));

        clock.advance(Duration.ofSeconds(1));
        WatchDog.Result inside = chained.run(SyncProgress.NONE, new SyncCancellation());

        assertThat(rendered(inside)).allMatch(line -> line.startsWith("(+) ") && line.contains("within the renewal"
                + " buffer of 48 hours"));
        assertThat(liveOf(JOHN).serial()).isNotEqualTo(first.serial());
        assertThat(ca.live()).hasSize(4);
        assertThat(inside.report().orElseThrow().text()).contains("(renewal; watchdog line 1)");

        WatchDog.Result again = chained.run(SyncProgress.NONE, new SyncCancellation());

        assertThat(again.report()).isEmpty();
    }

    @Test
    void semiAutomaticModeCreatesNothingAndItsCsvIsBatchProcessedOnce() {
        SmimeSyncSettings semi = automatic.withMode(SmimeSyncSettings.Mode.SEMI_AUTOMATIC);

        WatchDog.Result result = watchDog(semi, WatchDog.Chaining.UNCHAINED).run(SyncProgress.NONE,
                new SyncCancellation());

        assertThat(ca.live()).isEmpty();
        assertThat(rendered(result)).allMatch(line -> line.startsWith("(%) ") && line.contains("semi-automatic"));
        SmimeReport report = result.report().orElseThrow();
        assertThat(report.toAdmins()).isTrue();
        assertThat(report.recipients()).containsExactly(ADMIN);
        SyncReport.Attachment csv = report.attachments().get(0);
        assertThat(csv.name()).endsWith("-certificate-instructions.csv");
        assertThat(new String(csv.content(), StandardCharsets.UTF_8)).isEqualTo(
                "address,name,given name,surname,team,key type,key length,validity,reason\r\n"
                        + "john.doe@company.com,John Doe,John,Doe,no,RSA,3072,P1Y,new\r\n"
                        + "support@company.com,Support,,,yes,RSA,3072,P1Y,new\r\n");
        CertificateBatch batch = new CertificateBatch(executor, semi, List.of(ADMIN), clock);

        CertificateBatch.Result imported = batch.importBatch(csv.name(), csv.content(), SyncProgress.NONE,
                new SyncCancellation());

        assertThat(imported).isInstanceOfSatisfying(CertificateBatch.Result.Executed.class, done -> {
            assertThat(done.execution().failures()).isEmpty();
            assertThat(done.report().summary()).isEqualTo("2 created, 0 revoked");
        });
        assertThat(ca.live()).extracting(c -> c.keySpec()).containsOnly(KeySpec.RSA_3072);

        CertificateBatch.Result twice = batch.importBatch(csv.name(), csv.content(), SyncProgress.NONE,
                new SyncCancellation());

        assertThat(((CertificateBatch.Result.Executed) twice).execution().outcomes()).extracting(LineOutcome::render)
                .allMatch(line -> line.startsWith("(%) ") && line.contains("has a live certificate"));
        assertThat(ca.live()).hasSize(2);
    }

    @Test
    void theLimitStopsCreationsInListOrderAndAlertsTheAdmins() {
        WatchDog.Result result = watchDog(automatic.withMaxLive(1), WatchDog.Chaining.UNCHAINED).run(
                SyncProgress.NONE, new SyncCancellation());

        assertThat(ca.live()).extracting(IssuedCertificate::address).containsExactly(JOHN);
        assertThat(rendered(result).get(1)).startsWith("(!) smime-user:support@company.com").contains(
                "1 certificates are live, the limit is 1");
        SmimeReport report = result.report().orElseThrow();
        assertThat(report.adminAlert()).isTrue();
        assertThat(report.subject()).startsWith("ALERT ");
        assertThat(report.recipients()).containsExactly(ADMIN);
        assertThat(report.text()).contains("== ALERT: not created, the live-certificate limit is reached ==\n"
                + "watchdog line 2: smime-user:support@company.com");
    }

    @Test
    void anInvalidCsvAppliesNothing() {
        CertificateBatch.Result result = new CertificateBatch(executor, automatic, List.of(ADMIN), clock)
                .importBatch("i.csv", ("address,name,given name,surname,team,key type,key length,validity,reason\r\n"
                        + "john.doe@company.com,John Doe,John,Doe,no,RSA,3072,P1Y,new\r\n"
                        + "support@company.com,Support,,,yes,RSA,1000,P1Y,new\r\n").getBytes(StandardCharsets.UTF_8),
                        SyncProgress.NONE, new SyncCancellation());

        assertThat(result).isInstanceOfSatisfying(CertificateBatch.Result.Invalid.class, invalid ->
                assertThat(invalid.problems()).singleElement().satisfies(problem -> assertThat(problem.line())
                        .isEqualTo(3)));
        assertThat(ca.live()).isEmpty();
    }
}
