package io.mailseal.bench;

import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.KeyFileFormat;
import io.mailseal.keys.source.KeyStoreFileSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * Reading and indexing a PKCS#7 key store of 10,000 certificates (target: under 2 s), next to OpenSSL parsing the same
 * file in the same run ({@code openssl pkcs7 -inform DER -print_certs -noout}; its figure includes starting the
 * process, about a millisecond).
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class KeyStoreIndexBenchmark {

    @Param("10000")
    int certificates;

    private Path dir;
    private Path file;
    private final EmailAddress first = EmailAddress.parse(CertificateStores.address(0));

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("mailseal-bench");
        file = CertificateStores.write(dir.resolve("store.p7b"), certificates);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public SourceResponse readAndIndex() {
        Clock clock = Clock.systemUTC();
        SourceResponse response = KeyStoreFileSource.of(file, KeyFileFormat.smime(CryptoRuntime.create(), clock), clock)
                .lookup(first);
        if (response.status() != SourceResponse.Status.OK) {
            throw new IllegalStateException(response.toString());
        }
        return response;
    }

    @Benchmark
    public int peerOpensslParse() throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "pkcs7", "-inform", "DER", "-in", file.toString(),
                "-print_certs", "-noout").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int exit = openssl.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("openssl exited with " + exit);
        }
        return exit;
    }
}
