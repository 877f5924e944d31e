package io.mailseal.bench;

import io.mailseal.use.UseImportParser;
import io.mailseal.use.UseImportResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validating a generated {@code .useimport} of 100,000 lines (target: under 2 s), read from a file as the sync reads
 * it, in a 256 MB heap. {@link #validate} gives the time per file (single shot, so the first measured iterations show
 * a cold start); {@link #validateLinesPerSecond} the same work as lines per second. There is no external validator to
 * compare with; the peer in the same run is the JDK's floor, reading the same file's lines with a
 * {@link BufferedReader} and doing nothing with them ({@link #peerJdkReadLines}, lines per second).
 *
 * <p>The file: 40% {@code pgp-state} lines with every field, 30% {@code smime-state}, 25% {@code group}, and
 * passphrases and options for the rest, each address once per identifier, ending with {@code #####}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class UseImportBenchmark {

    /** Lines in the file, the termination line included. */
    static final int LINES = 100_000;

    private Path dir;
    private Path file;
    private final UseImportParser parser = UseImportParser.create();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("mailseal-bench");
        file = dir.resolve("bench.useimport");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES - 1; i++) {
                out.write(line(i));
                out.write("\r\n");
            }
            out.write("#####\r\n");
        }
    }

    static String line(int i) {
        String user = "user" + i + "@dept" + (i % 97) + ".example.com";
        int kind = i % 20;
        if (kind < 8) {
            return "pgp-state:" + user + ";name:User Number " + i + ";keylength:" + (i % 2 == 0 ? 4096 : 2048)
                    + ";comment:Synchronised key;keytype:RSA;validity:" + (1 + i % 10) + "y;keystate:" + (i % 3 == 0
                    ? 0 : 1);
        }
        if (kind < 14) {
            return "smime-state:" + user + "; name:User Number " + i + ";givenname:User;surname:Number " + i
                    + ";teamcert:0;keystate:1";
        }
        if (kind < 19) {
            return "group:" + user + ";group_" + (i % 12);
        }
        return i % 40 == 19 ? "passphrase:Import-Passphrase-" + i + ";smimeimport" : "option:RCR " + i + ";action-id";
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    private UseImportResult.Valid parse() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            UseImportResult result = parser.parse(file.getFileName().toString(), in);
            if (!(result instanceof UseImportResult.Valid valid) || valid.lines().size() != LINES - 1) {
                throw new IllegalStateException("the generated file should be valid: " + result.problems());
            }
            return valid;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 10)
    public UseImportResult.Valid validate() throws IOException {
        return parse();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(LINES)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public UseImportResult.Valid validateLinesPerSecond() throws IOException {
        return parse();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(LINES)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public int peerJdkReadLines() throws IOException {
        int lines = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            while (in.readLine() != null) {
                lines++;
            }
        }
        if (lines != LINES) {
            throw new IllegalStateException("expected " + LINES + " lines, read " + lines);
        }
        return lines;
    }
}
