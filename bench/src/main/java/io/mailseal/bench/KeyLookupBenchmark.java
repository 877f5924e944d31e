package io.mailseal.bench;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.CachePolicy;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyDirectory;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.LookupResult;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.KeyFileFormat;
import io.mailseal.keys.source.KeyStoreFileSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Key lookup with a key store of 10,000 certificates. Targets: a warm-cache lookup p99 under 50 µs
 * ({@link #warmCacheLookup}, sample mode gives the percentiles), a lookup in the indexed key store under 10 µs
 * ({@link #keyStoreLookup}: index hit plus the RFC 8550 checks). Peer in the same run: a plain
 * {@link ConcurrentHashMap} get of the same keys, the floor any cache pays ({@link #peerJdkMapGet}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KeyLookupBenchmark {

    @Param("10000")
    int certificates;

    private Path dir;
    private KeyDirectory directory;
    private KeyStoreFileSource<?> keyStore;
    private EmailAddress[] addresses;
    private Map<String, Object> floor;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("mailseal-bench");
        Path file = CertificateStores.write(dir.resolve("store.p7b"), certificates);
        Clock clock = Clock.systemUTC();
        keyStore = KeyStoreFileSource.of(file, KeyFileFormat.smime(CryptoRuntime.create(), clock), clock);
        directory = new KeyDirectory(Map.of(KeyType.SMIME, List.of(keyStore)), CachePolicy.DEFAULTS, clock);
        addresses = new EmailAddress[certificates];
        floor = new ConcurrentHashMap<>();
        for (int i = 0; i < certificates; i++) {
            addresses[i] = EmailAddress.parse(CertificateStores.address(i));
            LookupResult result = directory.lookup(addresses[i], KeyType.SMIME);
            if (result.selected().isEmpty()) {
                throw new IllegalStateException("no key for " + addresses[i] + ": " + result);
            }
            floor.put(addresses[i].canonical(), result);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir.resolve("store.p7b"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public LookupResult warmCacheLookup() {
        return directory.lookup(addresses[ThreadLocalRandom.current().nextInt(certificates)], KeyType.SMIME);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public SourceResponse keyStoreLookup() {
        return keyStore.lookup(addresses[ThreadLocalRandom.current().nextInt(certificates)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object peerJdkMapGet() {
        return floor.get(addresses[ThreadLocalRandom.current().nextInt(certificates)].canonical());
    }
}
