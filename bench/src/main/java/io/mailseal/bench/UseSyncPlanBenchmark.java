package io.mailseal.bench;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.rules.Endpoint;
import io.mailseal.rules.Groups;
import io.mailseal.rules.RuleSet;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStatus;
import io.mailseal.use.UseImportParser;
import io.mailseal.use.UseImportResult;
import io.mailseal.use.UseLine;
import io.mailseal.use.sync.KeyDefaults;
import io.mailseal.use.sync.Reconciler;
import io.mailseal.use.sync.SyncPlan;
import io.mailseal.use.sync.SyncState;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Planning the 100,000-line {@code .useimport} of {@link UseImportBenchmark} against 50,000 existing managed PGP keys
 * and 12 live groups (target: under 5 s, in a 256 MB heap). {@link #plan} is what a sync does per file: build the
 * state snapshot from the key statuses, groups and rules, then reconcile (every line gets an outcome; thousands of
 * keys to make and to delete, 12 groups to set with members added and removed). The peer in the same run is the JDK floor of the key part:
 * indexing the same 50,000 statuses in a {@link HashMap} by address and looking up every {@code pgp-state} line's
 * address ({@link #peerJdkIndexAndLookUp}).
 *
 * <p>The existing keys belong to every second user of the file (so some lines find a key, some do not); one in five
 * is expired, one in ten revoked.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class UseSyncPlanBenchmark {

    /** Existing managed keys. */
    static final int KEYS = 50_000;

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    private final Reconciler reconciler = new Reconciler(KeyDefaults.SPEC, Clock.fixed(NOW, ZoneOffset.UTC));
    private UseImportResult.Valid file;
    private List<ManagedKeyStatus> statuses;
    private Groups groups;
    private List<EmailAddress> pgpAddresses;

    @Setup(Level.Trial)
    public void setUp() {
        StringBuilder text = new StringBuilder(UseImportBenchmark.LINES * 100);
        for (int i = 0; i < UseImportBenchmark.LINES - 1; i++) {
            text.append(UseImportBenchmark.line(i)).append('\n');
        }
        text.append("#####\n");
        UseImportResult result = UseImportParser.create().parse("bench.useimport", new StringReader(text.toString()));
        if (!(result instanceof UseImportResult.Valid valid)) {
            throw new IllegalStateException("the generated file should be valid: " + result.problems());
        }
        file = valid;
        statuses = new ArrayList<>(KEYS);
        for (int i = 0; statuses.size() < KEYS; i += 2) {
            EmailAddress address = EmailAddress.parse("user" + i + "@dept" + (i % 97) + ".example.com");
            Instant expires = i % 5 == 0 ? NOW.minus(Duration.ofDays(1)) : NOW.plus(Duration.ofDays(200));
            statuses.add(new ManagedKeyStatus(String.format("%040X", i), address, KeyType.PGP,
                    ManagedKey.Origin.GENERATED, NOW.minus(Duration.ofDays(165)), Optional.of(expires), i % 10 == 2,
                    true));
        }
        Groups.Builder live = Groups.builder();
        for (int i = 0; i < UseImportBenchmark.LINES; i += 3) {
            live.add("group_" + (i % 12), new Endpoint.Address(EmailAddress.parse("user" + i + "@dept" + (i % 97)
                    + ".example.com")));
        }
        groups = live.build();
        pgpAddresses = new ArrayList<>();
        for (UseLine line : file.lines()) {
            if (line instanceof UseLine.PgpState pgp) {
                pgpAddresses.add(pgp.address());
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public SyncPlan plan() {
        SyncPlan plan = reconciler.reconcile(SyncState.of(statuses, groups, RuleSet.EMPTY), file);
        if (plan.lines().size() < file.lines().size()) {
            throw new IllegalStateException("every line gets an outcome");
        }
        return plan;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public int peerJdkIndexAndLookUp() {
        Map<String, List<ManagedKeyStatus>> index = new HashMap<>(KEYS * 2);
        for (ManagedKeyStatus status : statuses) {
            index.computeIfAbsent(status.address().canonical(), k -> new ArrayList<>(1)).add(status);
        }
        int found = 0;
        for (EmailAddress address : pgpAddresses) {
            if (index.containsKey(address.canonical())) {
                found++;
            }
        }
        return found;
    }
}
